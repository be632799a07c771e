package dev.apiplatform.server.queue;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Retry delays: exponential ({@code base · 2^(attempt-1)}, capped at {@code max}) with "equal
 * jitter" (a uniform pick in the upper half), so retries of a failed burst spread out while every
 * delay still grows with the attempt.
 */
public record Backoff(Duration base, Duration max) {

  /** @param attempt the delivery that failed, 1 for the first */
  public Duration delay(int attempt, RandomGenerator random) {
    long ceiling = max.toMillis();
    long exp = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
    long capped = exp <= 0 ? ceiling : Math.min(exp, ceiling);
    long half = capped / 2;
    return Duration.ofMillis(half + random.nextLong(capped - half + 1));
  }
}
