package dev.apiplatform.server.http.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.error.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The problem documents of answers the edge gives before Jersey runs, and their log line. Each
 * gets a request id (header and {@code error_id}) and one line in the access log, so a caller's
 * report can be found; none carries a stack trace or an HTML page.
 */
final class EdgeProblems {

  static final String REQUEST_ID = "X-Request-ID";
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  private static final Logger LOG = LoggerFactory.getLogger(EdgeProblems.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private EdgeProblems() {}

  /** A rejection: status, the caller-facing detail, and the id it is logged under. */
  record Rejection(int status, String detail, String requestId) {

    static Rejection of(int status, String detail) {
      return new Rejection(status, detail, UUID.randomUUID().toString());
    }

    byte[] body() {
      // 413 keeps the type Jersey-level size checks use, so clients see one kind for one cause
      String type = status == 413 ? Problems.payloadTooLarge(0).type() : Problems.forStatus(status, detail).type();
      String title = status == 413 ? Problems.payloadTooLarge(0).title() : title(status, Problems.forStatus(status, detail).title());
      Problem withId = new Problem(type, title, status, detail, null, requestId, null);
      try {
        return JSON.writeValueAsBytes(withId);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The whole HTTP/1.1 answer, for writing straight to a connection; it always closes. */
    byte[] rawResponse(List<String[]> securityHeaders, String extraHeaders) {
      byte[] body = body();
      StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
          .append("Content-Type: ").append(Problem.MEDIA_TYPE).append("\r\n")
          .append("Content-Length: ").append(body.length).append("\r\n")
          .append(REQUEST_ID).append(": ").append(requestId).append("\r\n")
          .append("Cache-Control: no-store\r\n");
      for (String[] h : securityHeaders) head.append(h[0]).append(": ").append(h[1]).append("\r\n");
      head.append(extraHeaders).append("Connection: close\r\n\r\n");
      byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
      byte[] all = new byte[headBytes.length + body.length];
      System.arraycopy(headBytes, 0, all, 0, headBytes.length);
      System.arraycopy(body, 0, all, headBytes.length, body.length);
      return all;
    }
  }

  /** Logs the rejection and queues its whole answer on the connection; closing it is the caller's. */
  static void answer(Connection<?> connection, HttpRequestPacket request, Rejection r, List<String[]> securityHeaders,
      String extraHeaders) {
    log(r, request.getMethodDC().toString(), request.getRequestURI(), request.getRemoteAddress());
    connection.write(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, r.rawResponse(securityHeaders, extraHeaders)));
  }

  /** One access-log line per rejection, in the shape RequestLogFilter writes for served requests. */
  static void log(Rejection r, String method, String path, String remote) {
    if (!ACCESS.isInfoEnabled() && !LOG.isDebugEnabled()) return;
    String safePath = path == null ? "" : path.length() > 200 ? path.substring(0, 200) + "…" : path;
    ObjectNode line = JSON.createObjectNode()
        .put("ts", Instant.now().toString())
        .put("request_id", r.requestId())
        .put("method", method == null ? "" : method)
        .put("path", safePath)
        .put("status", r.status())
        .put("edge", r.detail())
        .put("remote", remote == null ? "" : remote);
    ACCESS.info(line.toString());
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 408 -> "Request Timeout";
      case 411 -> "Length Required";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 426 -> "Upgrade Required";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Error";
    };
  }

  private static String title(int status, String fallback) {
    return status == 431 || status == 413 || status == 411 || status == 408 || status == 414 || status == 426
        ? reason(status) : fallback;
  }
}
