package dev.apiplatform.server.ws;

import dev.apiplatform.server.config.Env;
import java.time.Duration;

/**
 * The WebSocket group's config section.
 *
 * @param idleTimeout {@code WS_IDLE_TIMEOUT_SECONDS} (default 300, seed 003 section 12.3): a
 *     connection without a client message for this long is closed with 1001
 * @param heartbeat {@code WS_HEARTBEAT_SECONDS} (default 30): how often the server sends HEARTBEAT
 * @param messagesPerMinute {@code WS_MESSAGES_PER_MINUTE} (default 60): per connection; more are
 *     answered with an ERROR {@code rate_limited} and dropped
 */
public record WsSettings(Duration idleTimeout, Duration heartbeat, int messagesPerMinute) {

  /** Seed 003 section 12.1: 64 KB per message; larger closes with 1009 (message too big). */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024;

  public static WsSettings from(Env env) {
    return new WsSettings(Duration.ofSeconds(env.integer("WS_IDLE_TIMEOUT_SECONDS", 300, 1, 86_400)),
        Duration.ofSeconds(env.integer("WS_HEARTBEAT_SECONDS", 30, 1, 3600)),
        env.integer("WS_MESSAGES_PER_MINUTE", 60, 1, 100_000));
  }

  /** How often the sweeper looks: often enough for both timers to fire close to their time. */
  Duration sweepEvery() {
    long shortest = Math.min(idleTimeout.toMillis(), heartbeat.toMillis());
    return Duration.ofMillis(Math.max(100, shortest / 4));
  }
}
