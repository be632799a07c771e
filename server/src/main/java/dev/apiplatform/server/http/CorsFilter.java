package dev.apiplatform.server.http;

import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;

/**
 * CORS from ALLOWED_ORIGINS ({@code *} or exact origins). Preflights are answered here, before
 * routing; a request from an origin not on the list gets no CORS headers, so the browser blocks
 * it, while non-browser clients are unaffected.
 */
@PreMatching
@Priority(Priorities.CORS)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
  private static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, Accept, If-Match, If-None-Match, Idempotency-Key, Prefer, X-Request-ID";
  private static final String EXPOSED_HEADERS = "X-Request-ID, ETag, Location, Retry-After, WWW-Authenticate, RateLimit, RateLimit-Policy";

  private final boolean anyOrigin;
  private final Set<String> origins;

  public CorsFilter(List<String> allowedOrigins) {
    this.anyOrigin = allowedOrigins.contains("*");
    this.origins = Set.copyOf(allowedOrigins);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    if ("OPTIONS".equals(request.getMethod()) && origin != null
        && request.getHeaderString("Access-Control-Request-Method") != null) {
      Response.ResponseBuilder preflight = Response.noContent();
      if (allowed(origin)) {
        preflight.header("Access-Control-Allow-Origin", anyOrigin ? "*" : origin)
            .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
            .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
            .header("Access-Control-Max-Age", "600")
            .header("Vary", "Origin");
      }
      request.abortWith(preflight.build());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String origin = request.getHeaderString("Origin");
    if (origin == null || !allowed(origin)) return; // most requests: no response header map touched
    MultivaluedMap<String, Object> headers = response.getHeaders();
    if (headers.containsKey("Access-Control-Allow-Origin")) return;
    headers.putSingle("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
    headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    if (!anyOrigin) headers.add("Vary", "Origin");
  }

  private boolean allowed(String origin) {
    return anyOrigin || origins.contains(origin);
  }
}
