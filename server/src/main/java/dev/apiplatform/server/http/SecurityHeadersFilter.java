package dev.apiplatform.server.http;

import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The security headers of seed 002 on every response. API responses get a CSP that allows
 * nothing; the docs pages get one that allows their own scripts and styles. HSTS only outside
 * {@code dev}, where the server is reached over plain HTTP on loopback.
 */
@Priority(Priorities.SECURITY_HEADERS)
public final class SecurityHeadersFilter implements ContainerResponseFilter {

  private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
  private static final String DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
      + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

  private static final String HSTS = "max-age=31536000; includeSubDomains";

  private final boolean strictTransport;

  public SecurityHeadersFilter(boolean strictTransport) {
    this.strictTransport = strictTransport;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    // written to the Grizzly response directly: see GrizzlyPeer.setHeader (no resource sets these)
    org.glassfish.grizzly.http.server.Response grizzly = GrizzlyPeer.response(request);
    boolean docs = isDocs(request.getUriInfo().getPath(false));
    boolean cacheControl = !response.getHeaders().containsKey("Cache-Control");
    if (grizzly != null) {
      grizzly.setHeader("X-Content-Type-Options", "nosniff");
      grizzly.setHeader("X-Frame-Options", "DENY");
      grizzly.setHeader("X-XSS-Protection", "1; mode=block");
      grizzly.setHeader("Referrer-Policy", "no-referrer");
      grizzly.setHeader("Content-Security-Policy", docs ? DOCS_CSP : API_CSP);
      if (cacheControl) grizzly.setHeader("Cache-Control", "no-store");
      if (strictTransport) grizzly.setHeader("Strict-Transport-Security", HSTS);
      return;
    }
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.putSingle("X-Content-Type-Options", "nosniff");
    headers.putSingle("X-Frame-Options", "DENY");
    headers.putSingle("X-XSS-Protection", "1; mode=block");
    headers.putSingle("Referrer-Policy", "no-referrer");
    headers.putSingle("Content-Security-Policy", docs ? DOCS_CSP : API_CSP);
    if (cacheControl) headers.putSingle("Cache-Control", "no-store");
    if (strictTransport) headers.putSingle("Strict-Transport-Security", HSTS);
  }

  /**
   * The headers of an API answer that does not depend on the request, as name/value pairs: the
   * edge's own answers (http/edge: malformed requests, body limits, errors below Jersey) carry
   * them too, so no answer of the platform goes out without them.
   */
  public static List<String[]> apiHeaders(boolean strictTransport) {
    List<String[]> headers = new ArrayList<>(List.of(
        new String[] {"X-Content-Type-Options", "nosniff"},
        new String[] {"X-Frame-Options", "DENY"},
        new String[] {"X-XSS-Protection", "1; mode=block"},
        new String[] {"Referrer-Policy", "no-referrer"},
        new String[] {"Content-Security-Policy", API_CSP}));
    if (strictTransport) headers.add(new String[] {"Strict-Transport-Security", HSTS});
    return List.copyOf(headers);
  }

  /** Whether a base-relative path (with or without its leading slash) is under the docs pages. */
  static boolean isDocs(String path) {
    return path.startsWith("docs") || path.startsWith("/docs");
  }
}
