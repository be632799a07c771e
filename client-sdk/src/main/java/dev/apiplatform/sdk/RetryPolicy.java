package dev.apiplatform.sdk;

import java.time.Duration;

/** How {@link PlatformClient} retries; see {@link RetryInterceptor} for what is retried. */
public final class RetryPolicy {

  /** Waits between attempts; tests record instead of sleeping. */
  public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;
  }

  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final Sleeper sleeper;

  public RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff, Duration maxRetryAfter,
      Sleeper sleeper) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    this.maxAttempts = maxAttempts;
    this.baseBackoff = baseBackoff;
    this.maxBackoff = maxBackoff;
    this.maxRetryAfter = maxRetryAfter;
    this.sleeper = sleeper;
  }

  /** 3 attempts, 200 ms doubling up to 5 s, honouring a Retry-After of up to 30 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30),
        new Sleeper() {
          @Override
          public void sleep(Duration delay) throws InterruptedException {
            Thread.sleep(delay.toMillis());
          }
        });
  }

  /** One attempt: nothing is retried. */
  public static RetryPolicy none() {
    return defaults().withMaxAttempts(1);
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, baseBackoff, maxBackoff, maxRetryAfter, sleeper);
  }

  public RetryPolicy withSleeper(Sleeper s) {
    return new RetryPolicy(maxAttempts, baseBackoff, maxBackoff, maxRetryAfter, s);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration baseBackoff() {
    return baseBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  public Sleeper sleeper() {
    return sleeper;
  }
}
