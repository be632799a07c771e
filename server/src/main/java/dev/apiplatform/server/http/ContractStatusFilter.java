package dev.apiplatform.server.http;

import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.List;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Generated interfaces return models, so Jersey answers 200 (or 204 for void). The contract
 * decides the success status instead: a 200 from a resource method becomes the operation's first
 * documented 2xx (201, 202 ...). One mechanism, driven by the bundle, rather than a
 * {@code Response} in every method. Other statuses pass through untouched.
 */
@Priority(Priorities.CONTRACT_STATUS)
public final class ContractStatusFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() != 200) return;
    Contract.Operation op = OperationResolver.of(request);
    if (op == null) return;
    int status = op.successStatus();
    if (status != 200) response.setStatus(status);
  }

  /** Matched templates run from the innermost to the root; joined they give the path template. */
  public static String template(List<UriTemplate> matched) {
    StringBuilder path = new StringBuilder();
    for (int i = matched.size() - 1; i >= 0; i--) {
      String t = matched.get(i).getTemplate();
      if (t.isEmpty() || t.equals("/")) continue;
      path.append(t.startsWith("/") ? "" : "/").append(t);
    }
    String result = path.toString().replaceAll("/{2,}", "/");
    return result.isEmpty() ? "/" : result;
  }
}
