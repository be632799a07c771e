package dev.apiplatform.server.items;

import dev.apiplatform.server.api.model.ItemDto;
import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Every successful response carrying one item carries its {@code ETag} (the version in quotes),
 * so resources keep returning models and the header cannot be forgotten on one path.
 */
@Priority(Priorities.ITEM_ETAG)
public final class ItemETagFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() / 100 == 2 && response.getEntity() instanceof ItemDto item && item.getVersion() != null) {
      response.getHeaders().putSingle("ETag", ItemsService.etag(item.getVersion()));
    }
  }
}
