package dev.apiplatform.server.http.edge;

import dev.apiplatform.server.http.edge.EdgeProblems.Rejection;
import java.util.regex.Pattern;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.util.BufferChunk;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * What a request head must satisfy before anything reads its body or routes it. Each rule closes
 * a gap a proxy in front and this server could read differently (RFC 9112 §6.1, §3.2), or one
 * where Grizzly would otherwise fail later with a 500:
 * <ul>
 *   <li>path and query within {@code maxUriBytes} (414), percent-encoding well formed, no control
 *       characters (400);</li>
 *   <li>header names are RFC 9110 tokens, so {@code "Transfer-Encoding :"} is not silently a
 *       different header;</li>
 *   <li>exactly one Host on HTTP/1.1; at most one Content-Length, all digits;</li>
 *   <li>Transfer-Encoding only as exactly {@code chunked}, and never together with Content-Length;</li>
 *   <li>a Content-Type, when sent, is a media type.</li>
 * </ul>
 */
final class RequestHeadRules {

  /** The characters of an RFC 9110 token: {@code [!#$%&'*+.^_`|~0-9A-Za-z-]}, indexed by byte. */
  private static final boolean[] TOKEN_CHAR = new boolean[128];

  static {
    for (char c : "!#$%&'*+.^_`|~-".toCharArray()) TOKEN_CHAR[c] = true;
    for (char c = '0'; c <= '9'; c++) TOKEN_CHAR[c] = true;
    for (char c = 'A'; c <= 'Z'; c++) TOKEN_CHAR[c] = true;
    for (char c = 'a'; c <= 'z'; c++) TOKEN_CHAR[c] = true;
  }

  private static final Pattern MEDIA_TYPE = Pattern.compile(
      "[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+\\s*(;.*)?", Pattern.DOTALL);

  private RequestHeadRules() {}

  /** The first rule the request breaks, or null. */
  static Rejection check(HttpRequestPacket request, MimeHeaders headers, EdgeSettings settings) {
    DataChunk method = request.getMethodDC();
    String protocol = request.getProtocolString();
    String path = text(request.getRequestURIRef().getRequestURIBC());
    if (!isToken(method) || !("HTTP/1.1".equals(protocol) || "HTTP/1.0".equals(protocol))
        || !(path.startsWith("/") || path.startsWith("http://") || path.startsWith("https://")
            || ("*".equals(path) && method.equals("OPTIONS")))) {
      return Rejection.of(400, "The request line is not METHOD /target HTTP/1.1");
    }
    String query = text(request.getQueryStringDC());
    int length = path.length() + (query.isEmpty() ? 0 : query.length() + 1);
    if (length > settings.maxUriBytes()) {
      return Rejection.of(414, "The request target is longer than " + settings.maxUriBytes() + " bytes");
    }
    if (!wellFormedTarget(path) || !wellFormedTarget(query)) {
      return Rejection.of(400, "The request target has a malformed percent-encoding or a control character");
    }
    int hosts = 0;
    int contentLengths = 0;
    StringBuilder transferEncoding = null;
    // names are read in place (no string, no regex per header: this runs for every request);
    // only the values the rules read become strings
    for (int i = 0; i < headers.size(); i++) {
      DataChunk name = headers.getName(i);
      if (!isToken(name)) {
        return Rejection.of(400, "A header field name is not a token (no spaces before the colon)");
      }
      if (name.equalsIgnoreCase("host")) {
        hosts++;
      } else if (name.equalsIgnoreCase("content-length")) {
        contentLengths++;
        if (!digits(text(headers.getValue(i)).trim())) return Rejection.of(400, "Content-Length is not a number of bytes");
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        String value = text(headers.getValue(i)).trim();
        if (transferEncoding == null) transferEncoding = new StringBuilder(value);
        else transferEncoding.append(',').append(value);
      } else if (name.equalsIgnoreCase("content-type")) {
        if (!MEDIA_TYPE.matcher(text(headers.getValue(i)).trim()).matches()) {
          return Rejection.of(400, "Content-Type is empty or not a media type");
        }
      }
    }
    if (hosts > 1) return Rejection.of(400, "The request has more than one Host header");
    if (hosts == 0 && "HTTP/1.1".equals(request.getProtocolString()) && !path.startsWith("http")) {
      return Rejection.of(400, "An HTTP/1.1 request needs a Host header");
    }
    // Grizzly drops a Content-Length it sees after "Transfer-Encoding: chunked" from the headers;
    // its parser still counted it
    contentLengths = Math.max(contentLengths,
        ((HttpPacketParsing) request).getHeaderParsingState().contentLengthHeadersCount);
    if (contentLengths > 1) return Rejection.of(400, "The request has more than one Content-Length header");
    if (transferEncoding != null) {
      if (contentLengths > 0) {
        return Rejection.of(400, "Content-Length and Transfer-Encoding must not be sent together");
      }
      if (!transferEncoding.toString().trim().equalsIgnoreCase("chunked")) {
        return Rejection.of(400, "The only Transfer-Encoding served is exactly \"chunked\"");
      }
    }
    return null;
  }

  /** Whether a parsed head element is a non-empty token; a parsed head is read in place, without a string. */
  static boolean isToken(DataChunk chunk) {
    if (chunk == null || chunk.isNull()) return false;
    if (chunk.getType() == DataChunk.Type.Buffer) {
      BufferChunk in = chunk.getBufferChunk();
      Buffer buffer = in.getBuffer();
      int start = in.getStart();
      int end = in.getEnd();
      if (start >= end) return false;
      for (int i = start; i < end; i++) {
        if (!tokenChar(buffer.get(i) & 0xff)) return false;
      }
      return true;
    }
    return isToken(text(chunk));
  }

  static boolean isToken(String text) {
    if (text.isEmpty()) return false;
    for (int i = 0; i < text.length(); i++) {
      if (!tokenChar(text.charAt(i))) return false;
    }
    return true;
  }

  private static boolean tokenChar(int c) {
    return c < TOKEN_CHAR.length && TOKEN_CHAR[c];
  }

  /** 1 to 18 ASCII digits (a Content-Length that fits a long). */
  static boolean digits(String text) {
    if (text.isEmpty() || text.length() > 18) return false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  static boolean wellFormedTarget(String target) {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c < 0x21 || c == 0x7f) return false;
      if (c == '%') {
        if (i + 2 >= target.length() || !hex(target.charAt(i + 1)) || !hex(target.charAt(i + 2))) return false;
        i += 2;
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static String text(DataChunk chunk) {
    if (chunk == null || chunk.isNull()) return "";
    String s = chunk.toString();
    return s == null ? "" : s;
  }
}
