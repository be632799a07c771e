package dev.apiplatform.server.storage;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Retries control-plane calls (table and bucket creation at start) within one time budget.
 * Retried: client-side failures (timeouts, refused or reset connections, a store still starting)
 * and service answers that mean "later" (5xx, throttling). Anything else is a real error and is
 * thrown at once.
 */
final class ControlPlane {

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Duration budget;
  private final Duration firstBackoff;
  private final Sleeper sleeper;

  ControlPlane(Duration budget, Duration firstBackoff, Sleeper sleeper) {
    this.budget = budget;
    this.firstBackoff = firstBackoff;
    this.sleeper = sleeper;
  }

  static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  <T> T call(String what, Supplier<T> action) {
    long deadline = System.nanoTime() + budget.toNanos();
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (RuntimeException e) {
        if (!retryable(e) || System.nanoTime() + backoff.toNanos() > deadline) throw e;
        LOG.warn("Start: {} failed (attempt {}: {}); retrying in {} ms", what, attempt, e.getClass().getSimpleName(),
            backoff.toMillis());
        pause(backoff);
        backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
      }
    }
  }

  /** Polls {@code condition} (each poll retried like a call) until true or the budget is spent. */
  void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + budget.toNanos();
    while (!call(what, condition::getAsBoolean)) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("Start: " + what + " not reached within " + budget);
      pause(firstBackoff);
    }
  }

  static boolean retryable(RuntimeException e) {
    if (e instanceof SdkClientException) return true;
    if (e instanceof AwsServiceException service) {
      return service.statusCode() >= 500 || service.isThrottlingException();
    }
    return false;
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during start", ie);
    }
  }
}
