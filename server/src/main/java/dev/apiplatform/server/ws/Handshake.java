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
 * The upgrade's gate: the {@code token} query parameter must be a valid access token (401
 * otherwise, before any frame), the path's last segment must be a well-formed room or user id
 * (400), and a health-analysis feed is only for the token's own user (403). Setting a status
 * other than 101 here makes Tyrus refuse the upgrade with it.
 */
final class Handshake extends ServerEndpointConfig.Configurator {

  static final Pattern ROOM = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
  static final Pattern USER = Pattern.compile("^[A-Za-z0-9_:.-]{1,128}$");

  private final TokenService tokens;
  private final boolean ownUserOnly;
  private final Function<Void, Object> endpoints;

  Handshake(TokenService tokens, boolean ownUserOnly, Function<Void, Object> endpoints) {
    this.tokens = tokens;
    this.ownUserOnly = ownUserOnly;
    this.endpoints = endpoints;
  }

  @Override
  public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
    UpgradeResponse upgrade = (UpgradeResponse) response;
    Optional<AuthenticatedUser> user = verify(tokens, request.getParameterMap());
    if (user.isEmpty()) {
      upgrade.setStatus(401);
      upgrade.getHeaders().put("WWW-Authenticate", List.of("Bearer realm=\"platform\", error=\"invalid_token\""));
      return;
    }
    String path = request.getRequestURI().getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (!(ownUserOnly ? USER : ROOM).matcher(last).matches()) {
      upgrade.setStatus(400);
    } else if (ownUserOnly && !last.equals(user.get().userId())) {
      upgrade.setStatus(403);
    }
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
