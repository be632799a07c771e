package dev.apiplatform.server.ws;

import dev.apiplatform.server.security.AuthenticatedUser;
import dev.apiplatform.server.security.TokenService;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;

/**
 * One connection of either channel ({@code /api/v1/ws/chat/{room_id}} or
 * {@code /api/v1/ws/health-analysis/{user_id}}): the handshake already refused bad tokens; the
 * token is read again here (stateless, the same verification) to know whose connection it is.
 */
public final class ChatEndpoint extends Endpoint {

  private final WsHub hub;
  private final TokenService tokens;
  private final Clock clock;
  private final boolean feed;
  private WsConnection connection;

  ChatEndpoint(WsHub hub, TokenService tokens, Clock clock, boolean feed) {
    this.hub = hub;
    this.tokens = tokens;
    this.clock = clock;
    this.feed = feed;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    Optional<AuthenticatedUser> user = Handshake.verify(tokens, session.getRequestParameterMap());
    if (user.isEmpty()) {
      close(session, "invalid token");
      return;
    }
    String room = session.getPathParameters().get(feed ? "user_id" : "room_id");
    if (room == null || (feed && !room.equals(user.get().userId()))) {
      close(session, "not your channel");
      return;
    }
    session.setMaxTextMessageBufferSize(WsSettings.MAX_MESSAGE_BYTES);
    session.setMaxBinaryMessageBufferSize(WsSettings.MAX_MESSAGE_BYTES);
    session.setMaxIdleTimeout(0); // the hub's sweeper times out idle clients (server heartbeats do not count)
    connection = new WsConnection(session, user.get().userId(), room, clock);
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
      if (feed) hub.onFeed(connection, text);
      else hub.onChat(connection, text);
    });
    session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes -> hub.refuseBinary(connection));
    if (feed) hub.followed(connection);
    else hub.joined(connection);
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    if (connection == null) return;
    if (feed) hub.unfollowed(connection);
    else hub.left(connection);
  }

  @Override
  public void onError(Session session, Throwable error) {
    // a broken pipe or a too-big message: the container closes the session; onClose cleans up
  }

  private static void close(Session session, String why) {
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, why));
    } catch (java.io.IOException ignored) {
      // the client is gone already
    }
  }
}
