package dev.apiplatform.server.http.edge;

import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.http.edge.EdgeProblems.Rejection;
import java.io.IOException;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Grizzly's HTTP/1.1 codec with the request rules of {@link RequestHeadRules} applied as soon as
 * a request head is parsed, and with every answer the codec itself gives (unparsable request
 * line, oversized head, bad chunk size, missing Host, ...) turned from an empty 400 into a
 * problem document with a request id, logged. Such answers always close the connection.
 */
final class StrictHttpCodec extends HttpServerFilter {

  static final String REJECTION = "platform.edge.rejection";

  private final EdgeSettings settings;

  @SuppressWarnings("deprecation")
  StrictHttpCodec(EdgeSettings settings, NetworkListener listener) {
    super(listener.isChunkingEnabled(), settings.maxHeaderBytes(), null, listener.getKeepAlive(), null,
        listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
    this.settings = settings;
  }

  @Override
  protected void onHttpHeadersParsed(HttpHeader httpHeader, MimeHeaders headers, FilterChainContext ctx) {
    super.onHttpHeadersParsed(httpHeader, headers, ctx);
    HttpRequestPacket request = (HttpRequestPacket) httpHeader;
    Rejection rejection = RequestHeadRules.check(request, headers, settings);
    if (rejection != null) {
      // the codec then answers through onHttpHeaderError → customizeErrorResponse, and closes
      request.setAttribute(REJECTION, rejection);
      request.getResponse().setStatus(rejection.status());
      request.getProcessingState().setError(true);
    }
  }

  /**
   * Only a WebSocket upgrade stays one. Any other ({@code h2c}, which the JDK's HTTP client sends
   * on every cleartext request unless told HTTP/1.1, or {@code curl --http2}) is ignored, as RFC
   * 9110 7.8 allows, and the request is served as HTTP/1.1 with its own body framing. Grizzly
   * passed such a request on as a raw upgraded stream that never ends, so it waited for the body
   * timeout and answered 408 (5-10 s for a plain {@code GET /healthz}).
   */
  @Override
  protected void onIncomingUpgrade(FilterChainContext ctx, HttpHeader httpHeader) {
    if (!"websocket".equalsIgnoreCase(httpHeader.getUpgrade().trim())) {
      httpHeader.getUpgradeDC().recycle();
      return;
    }
    super.onIncomingUpgrade(ctx, httpHeader);
  }

  @Override
  protected void onHttpHeaderError(HttpHeader httpHeader, FilterChainContext ctx, Throwable t) throws IOException {
    HttpRequestPacket request = (HttpRequestPacket) httpHeader;
    if (request.getAttribute(REJECTION) == null) {
      Rejection r = fromParseError(t, request.getResponse().getStatus());
      request.setAttribute(REJECTION, r);
      request.getResponse().setStatus(r.status());
    }
    super.onHttpHeaderError(httpHeader, ctx, t);
  }

  @Override
  protected void onHttpContentError(HttpHeader httpHeader, FilterChainContext ctx, Throwable t) throws IOException {
    HttpRequestPacket request = (HttpRequestPacket) httpHeader;
    if (request.getAttribute(REJECTION) == null) {
      request.setAttribute(REJECTION, Rejection.of(400, "The request body is not valid HTTP/1.1 framing "
          + "(bad chunk size or chunk encoding)"));
    }
    super.onHttpContentError(httpHeader, ctx, t);
  }

  /** Grizzly reports head errors as exceptions with fixed messages; the status follows from them. */
  static Rejection fromParseError(Throwable t, int statusSoFar) {
    String message = t == null || t.getMessage() == null ? "" : t.getMessage();
    if (message.contains("intial line is too large") || message.contains("initial line is too large")) {
      return Rejection.of(414, "The request line is too long");
    }
    if (message.contains("header is too large")) {
      return Rejection.of(431, "The request head is larger than the limit of the server");
    }
    if (message.contains("MimeHeaders limit")) {
      return Rejection.of(431, "The request has more header fields than the server accepts");
    }
    if (statusSoFar == 505) return Rejection.of(505, "Only HTTP/1.0 and HTTP/1.1 are served");
    return Rejection.of(400, "The request is not valid HTTP/1.1 (request line, header field or length)");
  }

  @Override
  protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
    HttpRequestPacket request = response.getRequest();
    Object attached = request == null ? null : request.getAttribute(REJECTION);
    Rejection r = attached instanceof Rejection given ? given
        : Rejection.of(Math.max(400, response.getStatus()), "The request is not valid HTTP/1.1");
    response.setStatus(r.status());
    response.setReasonPhrase(EdgeProblems.reason(r.status()));
    EdgeProblems.log(r, safe(() -> request.getMethodDC().toString()), safe(() -> request.getRequestURI()),
        safe(() -> request.getRemoteAddress()));
    byte[] body = r.body();
    response.setContentType(Problem.MEDIA_TYPE);
    // a request line that did not parse leaves the request as HTTP/0.9, for which Grizzly writes
    // no Content-Type; as a plain header it is written either way
    response.getHeaders().setValue(Header.ContentType).setString(Problem.MEDIA_TYPE);
    response.setContentLength(body.length);
    response.setHeader(EdgeProblems.REQUEST_ID, r.requestId());
    response.setHeader("Cache-Control", "no-store");
    for (String[] h : settings.securityHeaders()) response.setHeader(h[0], h[1]);
    response.setHeader("Connection", "close");
    return HttpContent.builder(response)
        .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body)).last(true).build();
  }

  private interface Text {
    String get();
  }

  /** Parts of a request that failed to parse may be unreadable; the log line then leaves them out. */
  private static String safe(Text text) {
    try {
      return text.get();
    } catch (RuntimeException e) {
      return "";
    }
  }
}
