package dev.apiplatform.server.outbound;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and retry bounds of one third-party client.
 *
 * @param name short label for logs and metrics ("gemini", "strava")
 * @param connectTimeout TCP/TLS connect bound
 * @param requestTimeout bound on one attempt, from sending to the last byte of the body
 * @param maxAttempts total attempts including the first (1 = no retry)
 * @param baseBackoff first backoff ceiling; doubles per retry, full jitter inside it
 * @param maxBackoff ceiling of any one wait, and the longest Retry-After that is still honoured
 *     (a server asking for longer gets its answer returned instead of a stalled request)
 */
public record OutboundSettings(String name, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
    Duration baseBackoff, Duration maxBackoff) {

  public OutboundSettings {
    Objects.requireNonNull(name, "name");
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) throw new IllegalArgumentException("connectTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) throw new IllegalArgumentException("requestTimeout");
  }

  /** 2 s connect, 10 s per attempt, 3 attempts, backoff 200 ms doubling up to 5 s. */
  public static OutboundSettings defaults(String name) {
    return new OutboundSettings(name, Duration.ofSeconds(2), Duration.ofSeconds(10), 3,
        Duration.ofMillis(200), Duration.ofSeconds(5));
  }

  public OutboundSettings withRequestTimeout(Duration timeout) {
    return new OutboundSettings(name, connectTimeout, timeout, maxAttempts, baseBackoff, maxBackoff);
  }

  public OutboundSettings withMaxAttempts(int attempts) {
    return new OutboundSettings(name, connectTimeout, requestTimeout, attempts, baseBackoff, maxBackoff);
  }

  public OutboundSettings withBackoff(Duration base, Duration max) {
    return new OutboundSettings(name, connectTimeout, requestTimeout, maxAttempts, base, max);
  }
}
