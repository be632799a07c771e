package dev.apiplatform.server.http;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.error.ProblemType;
import dev.apiplatform.server.error.Problems;
import dev.apiplatform.server.http.edge.BodyRoutes;
import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Refuses request bodies over the limit with 413: at once when Content-Length says so, and
 * while reading for chunked bodies, so a lying or absent length cannot get past it. The limit is
 * the platform's, or the operation's own where the contract's {@code x-body} gives one (the same
 * {@link BodyRoutes} the edge uses).
 */
@PreMatching
@Priority(Priorities.BODY_SIZE_LIMIT)
public final class BodySizeLimitFilter implements ContainerRequestFilter {

  private final long limit;
  private final BodyRoutes routes;

  public BodySizeLimitFilter(long limit) {
    this(limit, BodyRoutes.none());
  }

  public BodySizeLimitFilter(long limit, BodyRoutes routes) {
    this.limit = limit;
    this.routes = routes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    // no Content-Length above 0 and no Transfer-Encoding: HTTP/1.1 says there is no body (RFC 9112 6.3),
    // so most requests skip the route lookup (UnreadBodyGuard uses the same test)
    if (!UnreadBodyGuard.hasBody(request)) return;
    long max = routes.match(request.getMethod(), collapseSlashes("/" + request.getUriInfo().getPath(false)))
        .map(BodyRoutes.Route::maxBytes).orElse(limit);
    if (request.getLength() > max) {
      throw tooLarge(max);
    }
    if (request.hasEntity()) {
      request.setEntityStream(new LimitedInputStream(request.getEntityStream(), max));
    }
  }

  /** {@code //} runs as one slash, the way the routes are written; no regex (this ran per request). */
  static String collapseSlashes(String path) {
    if (!path.contains("//")) return path;
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '/' || out.isEmpty() || out.charAt(out.length() - 1) != '/') out.append(c);
    }
    return out.toString();
  }

  static ApiException tooLarge(long limit) {
    Problem p = Problems.payloadTooLarge(limit);
    return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, p.title(), p.detail(), List.of(), Map.of("Connection", "close"));
  }

  private static final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count(1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      if (n > 0) count(n);
      return n;
    }

    private void count(int n) {
      count += n;
      if (count > limit) throw tooLarge(limit);
    }
  }
}
