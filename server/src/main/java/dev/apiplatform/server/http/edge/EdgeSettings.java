package dev.apiplatform.server.http.edge;

import dev.apiplatform.server.http.SecurityHeadersFilter;
import java.time.Duration;
import java.util.List;

/**
 * Limits the HTTP edge enforces before a request reaches Jersey.
 *
 * @param maxHeaderBytes     request line plus headers; more is 431 (a request line alone over it is 414)
 * @param maxUriBytes        path plus query; more is 414
 * @param maxBodyBytes       request body; more is 413, at once when Content-Length says so
 * @param bodyIdleTimeout    a body that makes no progress for this long is 408
 * @param minBodyBytesPerSecond  after {@code rateGrace}, a body arriving slower than this on average is 408
 * @param rateGrace          time a body gets before the minimum rate applies
 * @param maxPendingBodies   bodies still arriving at once; one more is 503 (bounds buffered memory)
 * @param routes             operations whose body the contract's {@code x-body} rules otherwise
 * @param maxStreamedBodies  streamed bodies at once (each holds a worker thread); one more is 503
 * @param strictTransport    HSTS on the edge's own answers too (outside {@code dev}, like every other answer)
 * @param keepAliveIdle      a keep-alive connection idle this long is closed; it must outlast the idle
 *     timeout of whatever sits in front (a load balancer reusing a connection the server is closing
 *     gets no answer and turns it into a 502)
 */
public record EdgeSettings(int maxHeaderBytes, int maxUriBytes, long maxBodyBytes, Duration bodyIdleTimeout,
    long minBodyBytesPerSecond, Duration rateGrace, int maxPendingBodies, BodyRoutes routes, int maxStreamedBodies,
    boolean strictTransport, Duration keepAliveIdle) {

  /** The default {@code keepAliveIdle}: longer than an AWS ALB's default idle timeout (60 s), as nginx's default. */
  private static final Duration DEFAULT_KEEP_ALIVE_IDLE = Duration.ofSeconds(75);

  public EdgeSettings {
    if (keepAliveIdle.toSeconds() < 1) throw new IllegalArgumentException("keepAliveIdle under 1 s: " + keepAliveIdle);
  }

  public EdgeSettings(int maxHeaderBytes, int maxUriBytes, long maxBodyBytes, Duration bodyIdleTimeout,
      long minBodyBytesPerSecond, Duration rateGrace, int maxPendingBodies) {
    this(maxHeaderBytes, maxUriBytes, maxBodyBytes, bodyIdleTimeout, minBodyBytesPerSecond, rateGrace,
        maxPendingBodies, BodyRoutes.none(), 4, false, DEFAULT_KEEP_ALIVE_IDLE);
  }

  /** The platform's defaults around the configured body limit. */
  public static EdgeSettings defaults(long maxBodyBytes) {
    return new EdgeSettings(16 * 1024, 8 * 1024, maxBodyBytes, Duration.ofSeconds(10), 1024,
        Duration.ofSeconds(5), 512);
  }

  public EdgeSettings withBodyTimeouts(Duration idle, long minRate, Duration grace) {
    return new EdgeSettings(maxHeaderBytes, maxUriBytes, maxBodyBytes, idle, minRate, grace, maxPendingBodies, routes,
        maxStreamedBodies, strictTransport, keepAliveIdle);
  }

  public EdgeSettings withRoutes(BodyRoutes bodyRoutes, int maxStreamed) {
    return new EdgeSettings(maxHeaderBytes, maxUriBytes, maxBodyBytes, bodyIdleTimeout, minBodyBytesPerSecond,
        rateGrace, maxPendingBodies, bodyRoutes, maxStreamed, strictTransport, keepAliveIdle);
  }

  /** With HSTS on the edge's own answers (outside {@code dev}, as {@code SecurityHeadersFilter}). */
  public EdgeSettings withStrictTransport(boolean strict) {
    return new EdgeSettings(maxHeaderBytes, maxUriBytes, maxBodyBytes, bodyIdleTimeout, minBodyBytesPerSecond,
        rateGrace, maxPendingBodies, routes, maxStreamedBodies, strict, keepAliveIdle);
  }

  /** With connections closed after {@code idle} without a request ({@code KEEP_ALIVE_IDLE_SECONDS}). */
  public EdgeSettings withKeepAliveIdle(Duration idle) {
    return new EdgeSettings(maxHeaderBytes, maxUriBytes, maxBodyBytes, bodyIdleTimeout, minBodyBytesPerSecond,
        rateGrace, maxPendingBodies, routes, maxStreamedBodies, strictTransport, idle);
  }

  /** The security headers every answer of the edge carries. */
  List<String[]> securityHeaders() {
    return SecurityHeadersFilter.apiHeaders(strictTransport);
  }
}
