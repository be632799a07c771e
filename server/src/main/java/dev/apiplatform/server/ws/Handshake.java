package dev.apiplatform.server.ws;

import dev.apiplatform.server.security.AuthenticatedUser;
import dev.apiplatform.server.security.InvalidTokenException;
import dev.apiplatform.server.security.TokenService;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.glassfish.tyrus.spi.UpgradeResponse;

/**
 * The upgrade's gate for one channel: the {@code token} query parameter must be a valid access
 * token (401 otherwise, before any frame), the path's id segment must be a well-formed room or
 * user id (400), and a health-analysis feed is only for the token's own user (403).
 *
 * <p>{@link WsGate} asks {@link #refusal} before Tyrus sees the request and answers a refusal
 * itself, as a problem document on a closed connection. Tyrus' own refusal (a status set in
 * {@link #modifyHandshake}) has neither a body nor a length and keeps the connection open, so a
 * client waits for a body until the server's keep-alive limit; it stays here only so that an
 * upgrade reaching Tyrus some other way is still refused.
 */
final class Handshake extends ServerEndpointConfig.Configurator {

  static final Pattern ROOM = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
  static final Pattern USER = Pattern.compile("^[A-Za-z0-9_:.-]{1,128}$");
  static final String WWW_AUTHENTICATE = "Bearer realm=\"platform\", error=\"invalid_token\"";

  /** A refused upgrade: the status, the caller-facing detail, and whole header lines to add. */
  record Refusal(int status, String detail, String headers) {}

  private final String prefix;
  private final TokenService tokens;
  private final boolean ownUserOnly;
  private final Function<Void, Object> endpoints;

  /** @param pathTemplate the channel's path, ending in its one id parameter ({@code /api/v1/ws/chat/{room_id}}) */
  Handshake(String pathTemplate, TokenService tokens, boolean ownUserOnly, Function<Void, Object> endpoints) {
    int parameter = pathTemplate.indexOf('{');
    if (parameter < 0 || pathTemplate.indexOf('/', parameter) >= 0) {
      throw new IllegalArgumentException("a channel path ends in its one parameter: " + pathTemplate);
    }
    this.prefix = pathTemplate.substring(0, parameter);
    this.tokens = tokens;
    this.ownUserOnly = ownUserOnly;
    this.endpoints = endpoints;
  }

  /**
   * Whether {@code path} is this channel's: its prefix and one segment, an empty one included
   * (what Tyrus' template matches: it took {@code /api/v1/ws/chat/} as a room).
   */
  boolean covers(String path) {
    return path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0;
  }

  /**
   * What RFC 6455 (4.2.1) asks of an opening handshake that is missing from this one, or empty:
   * a GET, {@code Connection: Upgrade}, a {@code Sec-WebSocket-Key} of 16 bytes in base64 (400
   * otherwise), and version 13 (426, naming the version, otherwise). Tyrus answered the first
   * ones with an empty 500 and the last with "426 CUSTOM", each on a connection it kept open.
   */
  static Optional<Refusal> malformed(String method, String connection, String key, String version) {
    if (!"GET".equals(method)) return Optional.of(new Refusal(400, "A WebSocket upgrade is a GET", ""));
    boolean upgrade = connection != null && java.util.Arrays.stream(connection.split(","))
        .anyMatch(token -> token.trim().equalsIgnoreCase("upgrade"));
    if (!upgrade) return Optional.of(new Refusal(400, "A WebSocket upgrade needs Connection: Upgrade", ""));
    if (!sixteenBytes(key)) {
      return Optional.of(new Refusal(400, "Sec-WebSocket-Key must be 16 bytes in base64", ""));
    }
    if (version == null || !version.trim().equals("13")) {
      return Optional.of(new Refusal(426, "This server speaks WebSocket version 13",
          "Sec-WebSocket-Version: 13\r\nUpgrade: websocket\r\n"));
    }
    return Optional.empty();
  }

  private static boolean sixteenBytes(String key) {
    if (key == null) return false;
    try {
      return java.util.Base64.getDecoder().decode(key.trim()).length == 16;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  /** Why an upgrade to {@code path} with these query parameters is refused, or empty when it may go on. */
  Optional<Refusal> refusal(String path, Map<String, List<String>> parameters) {
    Optional<AuthenticatedUser> user = verify(tokens, parameters);
    if (user.isEmpty()) {
      return Optional.of(new Refusal(401, "A valid access token is required in the token query parameter",
          "WWW-Authenticate: " + WWW_AUTHENTICATE + "\r\n"));
    }
    String id = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
    if (!(ownUserOnly ? USER : ROOM).matcher(id).matches()) {
      return Optional.of(new Refusal(400, ownUserOnly
          ? "user_id must be 1 to 128 of A-Z a-z 0-9 _ : . -" : "room_id must be 1 to 64 of A-Z a-z 0-9 _ -", ""));
    }
    if (ownUserOnly && !id.equals(user.get().userId())) {
      return Optional.of(new Refusal(403, "A health-analysis feed is only for the token's own user", ""));
    }
    return Optional.empty();
  }

  @Override
  public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
    // setting a status other than 101 makes Tyrus refuse the upgrade with it
    refusal(request.getRequestURI().getPath(), request.getParameterMap()).ifPresent(refused -> {
      UpgradeResponse upgrade = (UpgradeResponse) response;
      upgrade.setStatus(refused.status());
      if (refused.status() == 401) upgrade.getHeaders().put("WWW-Authenticate", List.of(WWW_AUTHENTICATE));
    });
  }

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) {
    return endpointClass.cast(endpoints.apply(null));
  }

  /** The caller behind {@code ?token=}, or empty when it is missing or not a valid access token. */
  static Optional<AuthenticatedUser> verify(TokenService tokens, Map<String, List<String>> parameters) {
    List<String> values = parameters.get("token");
    if (values == null || values.size() != 1 || values.get(0).isBlank()) return Optional.empty();
    try {
      return Optional.of(tokens.verifyAccessToken(values.get(0)));
    } catch (InvalidTokenException e) {
      // the same refusal whatever is wrong with the token
      return Optional.empty();
    }
  }
}
