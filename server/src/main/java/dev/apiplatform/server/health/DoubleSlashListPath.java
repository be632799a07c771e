package dev.apiplatform.server.health;

import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;

/**
 * Seed 003 lists the health data listing as {@code /api/v1/health-data/} "or {@code //}". The
 * contract has one template per operation ({@code /api/v1/health-data}; Jersey already matches it
 * with a trailing slash); this maps the doubled spelling onto it before matching, query kept, so
 * it is the same operation with the same authentication and limits. Nothing else is rewritten.
 */
@PreMatching
@Priority(Priorities.SEED_PATH_SPELLINGS)
final class DoubleSlashListPath implements ContainerRequestFilter {

  static final String SPELLING = "/api/v1/health-data//";

  @Override
  public void filter(ContainerRequestContext request) {
    URI uri = request.getUriInfo().getRequestUri();
    if (!SPELLING.equals(uri.getRawPath())) return;
    String query = uri.getRawQuery();
    request.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + HealthDataResource.ROOT
        + (query == null ? "" : "?" + query)));
  }
}
