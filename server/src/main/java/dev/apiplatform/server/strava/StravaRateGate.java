package dev.apiplatform.server.strava;

import dev.apiplatform.server.outbound.OutboundHttp;
import dev.apiplatform.server.outbound.OutboundResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Strava's application rate limits, read from every answer: {@code X-RateLimit-Limit} and
 * {@code X-RateLimit-Usage} are "15-minute,daily" pairs. When the 15-minute window is used up,
 * the next call waits for the window to turn (Strava's windows start at :00, :15, :30, :45 UTC)
 * instead of failing; when the daily budget is used up the call fails as unavailable (503; the
 * agent's task is retried later), since waiting hours would block a worker.
 */
public final class StravaRateGate {

  private final Clock clock;
  private final OutboundHttp.Sleeper sleeper;
  private volatile boolean windowExhausted;
  private volatile Instant dayExhaustedUntil = Instant.EPOCH;
  private volatile Instant windowEnds = Instant.EPOCH;

  public StravaRateGate(Clock clock, OutboundHttp.Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  void awaitCapacity() {
    Instant now = clock.instant();
    if (now.isBefore(dayExhaustedUntil)) {
      throw new StravaUnavailable("Strava's daily rate limit is used up", false);
    }
    if (windowExhausted && now.isBefore(windowEnds)) {
      try {
        sleeper.sleep(Duration.between(now, windowEnds));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StravaUnavailable("interrupted while waiting for Strava's rate limit", false);
      }
    }
    windowExhausted = false;
  }

  void observe(OutboundResponse r) {
    var limit = r.header("X-RateLimit-Limit").map(StravaRateGate::pair);
    var usage = r.header("X-RateLimit-Usage").map(StravaRateGate::pair);
    if (limit.isEmpty() || usage.isEmpty() || limit.get() == null || usage.get() == null) return;
    Instant now = clock.instant();
    if (usage.get()[1] >= limit.get()[1]) {
      dayExhaustedUntil = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (usage.get()[0] >= limit.get()[0]) {
      Instant hour = now.truncatedTo(ChronoUnit.HOURS);
      long quarters = Duration.between(hour, now).toMinutes() / 15 + 1;
      windowEnds = hour.plus(Duration.ofMinutes(15 * quarters));
      windowExhausted = true;
    }
  }

  /** The waits the gate would impose now, for tests and health output. */
  public boolean waiting() {
    return windowExhausted && clock.instant().isBefore(windowEnds);
  }

  private static long[] pair(String header) {
    String[] parts = header.split(",");
    if (parts.length < 2) return null;
    try {
      return new long[] {Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
