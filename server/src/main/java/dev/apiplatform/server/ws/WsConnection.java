package dev.apiplatform.server.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open WebSocket: whose it is, where it is (a room or a user's health-analysis feed), when
 * its client last spoke (idle timeout) and how many messages it sent this minute (rate limit).
 * Sends are serialised per connection (one frame at a time on a session).
 */
final class WsConnection {

  private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);

  private final Session session;
  private final String userId;
  private final String room;
  private final Clock clock;
  private volatile Instant lastClientMessage;
  private long windowStartMinute = -1;
  private int inWindow;

  WsConnection(Session session, String userId, String room, Clock clock) {
    this.session = session;
    this.userId = userId;
    this.room = room;
    this.clock = clock;
    this.lastClientMessage = clock.instant();
  }

  String userId() {
    return userId;
  }

  /** The chat room, or the user id of a health-analysis feed. */
  String room() {
    return room;
  }

  String id() {
    return session.getId();
  }

  boolean isOpen() {
    return session.isOpen();
  }

  void heard() {
    lastClientMessage = clock.instant();
  }

  boolean idleSince(Instant cutoff) {
    return lastClientMessage.isBefore(cutoff);
  }

  /** Counts one client message; false once the minute's allowance is used up. */
  synchronized boolean allow(int perMinute) {
    long minute = clock.millis() / 60_000;
    if (minute != windowStartMinute) {
      windowStartMinute = minute;
      inWindow = 0;
    }
    return ++inWindow <= perMinute;
  }

  /** Sends one text frame; a connection that is gone is skipped, never an error for the others. */
  void send(String text) {
    synchronized (this) {
      if (!session.isOpen()) return;
      try {
        session.getBasicRemote().sendText(text);
      } catch (IOException | IllegalStateException e) {
        LOG.debug("WebSocket {} send failed: {}", session.getId(), e.toString());
      }
    }
  }

  void close(CloseReason.CloseCode code, String why) {
    try {
      session.close(new CloseReason(code, why));
    } catch (IOException e) {
      LOG.debug("WebSocket {} close failed: {}", session.getId(), e.toString());
    }
  }
}
