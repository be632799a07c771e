package dev.apiplatform.server.http;

import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.glassfish.grizzly.http.server.Request;
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
  static final String PROPERTY = "platform.request";
  private static final Logger ACCESS = LoggerFactory.getLogger("access");

  /** What this filter learnt of a request when it first saw it: one request property, not two and a boxed long. */
  private record Seen(String id, long startNanos) {
  }

  /** This request's id (the answered {@code X-Request-ID}), for bodies that repeat it (seed 003's metadata). */
  public static String requestId(ContainerRequestContext request) {
    return request.getProperty(PROPERTY) instanceof Seen seen ? seen.id() : "";
  }

  /**
   * {@link System#nanoTime()} when this filter first saw the request, or {@link Long#MIN_VALUE}
   * when it did not (a request that failed before the first filter: metrics cannot time it).
   */
  public static long startNanos(ContainerRequestContext request) {
    return request.getProperty(PROPERTY) instanceof Seen seen ? seen.startNanos() : Long.MIN_VALUE;
  }

  /** Milliseconds since this filter first saw the request. */
  public static double elapsedMillis(ContainerRequestContext request) {
    return request.getProperty(PROPERTY) instanceof Seen seen ? (System.nanoTime() - seen.startNanos()) / 1_000_000.0 : 0;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String given = request.getHeaderString(HEADER);
    String id = AccessLine.validId(given) ? given : AccessLine.newId();
    request.setProperty(PROPERTY, new Seen(id, System.nanoTime()));
    MDC.put("request_id", id);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Seen seen = request.getProperty(PROPERTY) instanceof Seen s ? s : null;
    // null: a request that failed before the pre-matching filter ran
    String id = seen == null ? AccessLine.newId() : seen.id();
    Request grizzly = GrizzlyPeer.of(request); // once, for the header and the peer
    if (grizzly != null) {
      grizzly.getResponse().setHeader(HEADER, id); // see GrizzlyPeer.setHeader: no resource sets it
    } else {
      response.getHeaders().putSingle(HEADER, id);
    }
    if (ACCESS.isInfoEnabled()) {
      long nanos = seen == null ? -1 : System.nanoTime() - seen.startNanos();
      ACCESS.info(AccessLine.format(System.currentTimeMillis(), id, request.getMethod(),
          request.getUriInfo().getPath(false), response.getStatus(), nanos,
          grizzly == null ? "" : GrizzlyPeer.remoteAddress(grizzly), request.getHeaderString("User-Agent")));
    }
    MDC.remove("request_id");
  }
}
