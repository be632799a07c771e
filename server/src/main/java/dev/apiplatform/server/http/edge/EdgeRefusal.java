package dev.apiplatform.server.http.edge;

import dev.apiplatform.server.http.SecurityHeadersFilter;
import dev.apiplatform.server.http.edge.EdgeProblems.Rejection;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpRequestPacket;

/**
 * The edge's own answer for a filter outside this package that refuses a request before Jersey
 * (the WebSocket upgrade gate): the same problem document, request id, security headers and
 * access-log line as the edge's 4xx answers ({@link EdgeProblems#answer}), and the connection
 * closed once the answer is written.
 */
public final class EdgeRefusal {

  private EdgeRefusal() {}

  /**
   * @param extraHeaders whole header lines, each ending in CRLF ({@code WWW-Authenticate: ...\r\n}), or ""
   * @param strictTransport HSTS as on every other answer outside {@code dev}
   */
  public static void answerAndClose(Connection<?> connection, HttpRequestPacket request, int status, String detail,
      String extraHeaders, boolean strictTransport) {
    EdgeProblems.answer(connection, request, Rejection.of(status, detail),
        SecurityHeadersFilter.apiHeaders(strictTransport), extraHeaders);
    connection.closeSilently(); // graceful: the queued answer is written first
  }
}
