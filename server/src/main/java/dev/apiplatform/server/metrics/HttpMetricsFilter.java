package dev.apiplatform.server.metrics;

import dev.apiplatform.server.http.OperationResolver;
import dev.apiplatform.server.http.RequestLogFilter;
import dev.apiplatform.server.platform.Priorities;
import dev.apiplatform.server.security.AuthenticatedUser;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Times every answered request into {@link RequestMetrics}. Response-only: the start is the one
 * {@link RequestLogFilter} already took, the operation the one {@link OperationResolver} already
 * resolved, so a request costs one identity-map lookup, one array read and one timer update. It
 * runs after the contract status filter (the final status) and before the access log.
 */
@Priority(Priorities.METRICS)
public final class HttpMetricsFilter implements ContainerResponseFilter {

  private final RequestMetrics metrics;

  HttpMetricsFilter(RequestMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    long start = RequestLogFilter.startNanos(request);
    if (start == Long.MIN_VALUE) return; // failed before the first filter: the access log counts it, we cannot time it
    String userId = request.getSecurityContext() != null
        && request.getSecurityContext().getUserPrincipal() instanceof AuthenticatedUser user ? user.userId() : null;
    metrics.record(OperationResolver.of(request), response.getStatus(), System.nanoTime() - start, userId);
  }
}
