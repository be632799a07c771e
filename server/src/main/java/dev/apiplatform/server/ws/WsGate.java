package dev.apiplatform.server.ws;

import dev.apiplatform.server.http.edge.EdgeRefusal;
import dev.apiplatform.server.ws.Handshake.Refusal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;

/**
 * Right before Tyrus in the listener's chain: an upgrade to a channel that is malformed ({@link
 * Handshake#malformed}) or that the channel's {@link Handshake} refuses is answered here, as the
 * edge answers (a problem document with a length, the request id, the security headers, one
 * access-log line), and the connection closed. An upgrade it lets through goes on to Tyrus, and
 * so does every frame after it on that connection.
 */
final class WsGate extends BaseFilter {

  // an instance field, as the edge's: a static one would initialise Grizzly's attribute builder
  // before Grizzly itself (a class-initialisation cycle at the first transport)
  private final Attribute<HttpRequestPacket> passed = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("platform.ws.passed");

  private final List<Handshake> channels;
  private final boolean strictTransport;

  WsGate(List<Handshake> channels, boolean strictTransport) {
    this.channels = List.copyOf(channels);
    this.strictTransport = strictTransport;
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) {
    // every read of every request passes here: the cheap tests first, the Upgrade value (a new
    // String each time) only for an upgrade not yet let through
    if (!(ctx.getMessage() instanceof HttpContent content)
        || !(content.getHttpHeader() instanceof HttpRequestPacket request) || !request.isUpgrade()) {
      return ctx.getInvokeAction();
    }
    Connection<?> connection = ctx.getConnection();
    // an upgraded connection's frames arrive as content of the upgrade request: checked once
    if (passed.get(connection) == request || !"websocket".equalsIgnoreCase(request.getUpgrade())) {
      return ctx.getInvokeAction();
    }
    String path = request.getRequestURI();
    for (Handshake channel : channels) {
      if (!channel.covers(path)) continue;
      Optional<Refusal> refused = Handshake.malformed(request.getMethod().getMethodString(),
          request.getHeader("Connection"), request.getHeader("Sec-WebSocket-Key"),
          request.getHeader("Sec-WebSocket-Version"));
      if (refused.isEmpty()) refused = channel.refusal(path, query(request.getQueryString()));
      if (refused.isEmpty()) {
        passed.set(connection, request);
        return ctx.getInvokeAction();
      }
      Refusal r = refused.get();
      EdgeRefusal.answerAndClose(connection, request, r.status(), r.detail(), r.headers(), strictTransport);
      return ctx.getStopAction();
    }
    return ctx.getInvokeAction();
  }

  /** The query's parameters, decoded; a pair that does not decode counts as absent. */
  static Map<String, List<String>> query(String query) {
    Map<String, List<String>> parameters = new HashMap<>();
    if (query == null || query.isEmpty()) return parameters;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException malformed) {
        // a bad %-escape: not a parameter (a token that does not decode is no token)
      }
    }
    return parameters;
  }
}
