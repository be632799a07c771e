package dev.apiplatform.server.identity.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counters for send limits and sign-in failure tracking. The three kinds (windows, events,
 * failures) live under different item keys, so one caller key may be used for all three.
 */
public interface CounterStore {

  /**
   * Adds one to the fixed window of {@code window} length containing {@code now} (windows start
   * at multiples of the length since the epoch).
   *
   * @return the window's count including this call
   */
  long incrementWindow(String key, Duration window, Instant now);

  /**
   * Adds {@code amount} to the same fixed window as {@link #incrementWindow} (one atomic call: an
   * instance takes a batch of a shared limit at once).
   *
   * @return the window's count including this call
   */
  long addToWindow(String key, Duration window, Instant now, long amount);

  /** When {@link #markEvent} last recorded an event under the key, unless that record expired. */
  Optional<Instant> lastEvent(String key);

  /** Records an event at {@code at}, remembered for {@code keep}. */
  void markEvent(String key, Instant at, Duration keep);

  /**
   * Records an event at {@code at} only if no event was recorded within {@code minInterval}
   * before it: the atomic form of {@link #lastEvent} + {@link #markEvent} ("one code per 60 s"
   * even for concurrent requests).
   *
   * @return whether the event was recorded
   */
  boolean tryMarkEvent(String key, Instant at, Duration minInterval, Duration keep);

  /** Consecutive failures recorded under the key and not yet expired or reset. */
  long failures(String key);

  /**
   * Adds one failure; the count expires {@code keep} after the latest failure (then counting
   * starts again at 1).
   *
   * @return the new count
   */
  long recordFailure(String key, Instant now, Duration keep);

  /** Forgets the failures (e.g. after a successful sign-in). */
  void reset(String key);
}
