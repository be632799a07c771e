package dev.apiplatform.server.http;

import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id (the caller's X-Request-ID when well formed, else a new UUID),
 * returns it on the response, and writes one JSON access-log line per request. Only the path
 * is logged, never the query string or headers, which can carry tokens.
 *
 * <p>Per-request cost is kept to building one string (see {@link AccessLine}); the "access"
 * logger's appender ({@link AccessLogAppender} in logback.xml) writes lines in batches on its
 * own thread, so no request thread waits on a console write.
 */
@PreMatching
@Priority(Priorities.REQUEST_LOG)
public final class RequestLogFilter implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String HEADER = "X-Request-ID";
  static final String ID_PROPERTY = "platform.requestId";
  private static final String START_PROPERTY = "platform.startNanos";
  private static final Logger ACCESS = LoggerFactory.getLogger("access");

  /** This request's id (the answered {@code X-Request-ID}), for bodies that repeat it (seed 003's metadata). */
  public static String requestId(ContainerRequestContext request) {
    Object id = request.getProperty(ID_PROPERTY);
    return id == null ? "" : id.toString();
  }

  /** {@link System#nanoTime()} when this filter first saw the request; null when it did not (metrics). */
  public static Long startNanos(ContainerRequestContext request) {
    return request.getProperty(START_PROPERTY) instanceof Long s ? s : null;
  }

  /** Milliseconds since this filter first saw the request. */
  public static double elapsedMillis(ContainerRequestContext request) {
    Object start = request.getProperty(START_PROPERTY);
    return start instanceof Long s ? (System.nanoTime() - s) / 1_000_000.0 : 0;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String given = request.getHeaderString(HEADER);
    String id = AccessLine.validId(given) ? given : AccessLine.newId();
    request.setProperty(ID_PROPERTY, id);
    request.setProperty(START_PROPERTY, System.nanoTime());
    MDC.put("request_id", id);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(ID_PROPERTY);
    if (id == null) { // a request that failed before the pre-matching filter ran
      id = AccessLine.newId();
    }
    GrizzlyPeer.setHeader(request, response, HEADER, id.toString());
    if (ACCESS.isInfoEnabled()) {
      Object start = request.getProperty(START_PROPERTY);
      long nanos = start instanceof Long s ? System.nanoTime() - s : -1;
      ACCESS.info(AccessLine.format(System.currentTimeMillis(), id.toString(), request.getMethod(),
          path(request), response.getStatus(), nanos, GrizzlyPeer.remoteAddress(request),
          request.getHeaderString("User-Agent")));
    }
    MDC.remove("request_id");
  }

  /** The path from the root, always with one leading slash; never the query string. */
  static String path(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath(false);
    return path.startsWith("/") ? path : "/" + path;
  }
}
