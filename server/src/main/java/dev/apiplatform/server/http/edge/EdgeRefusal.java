package dev.apiplatform.server.http.edge;

import dev.apiplatform.server.http.SecurityHeadersFilter;
import dev.apiplatform.server.http.edge.EdgeProblems.Rejection;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * The edge's own answer for a filter outside this package that refuses a request before Jersey
 * (the WebSocket upgrade gate): the same problem document, request id, security headers and
 * access-log line as the edge's 4xx answers, a Content-Length, and the connection closed once
 * the answer is written.
 */
public final class EdgeRefusal {

  private EdgeRefusal() {}

  /**
   * @param extraHeaders whole header lines, each ending in CRLF ({@code WWW-Authenticate: ...\r\n}), or ""
   * @param strictTransport HSTS as on every other answer outside {@code dev}
   * @return the request id the refusal carries and was logged under
   */
  public static String answerAndClose(Connection<?> connection, HttpRequestPacket request, int status, String detail,
      String extraHeaders, boolean strictTransport) {
    Rejection r = Rejection.of(status, detail);
    EdgeProblems.log(r, request.getMethodDC().toString(), request.getRequestURI(), request.getRemoteAddress());
    connection.write(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER,
        r.rawResponse(SecurityHeadersFilter.apiHeaders(strictTransport), extraHeaders)));
    connection.closeSilently(); // graceful: the queued answer is written first
    return r.requestId();
  }
}
