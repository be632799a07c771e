package dev.apiplatform.server.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.apiplatform.server.domain.RateLimited;
import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.ProblemTable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import dev.apiplatform.server.testing.AtOnce;

class RateLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
  private final Ticker ticker = nanos::get;

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private RateLimiter limiter(int capacity, Duration period) {
    return new RateLimiter(capacity, period, 1_000, ticker);
  }

  @Test
  void tryAcquire_allowsBurstUpToCapacity_thenRefuses() {
    RateLimiter limiter = limiter(5, Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire("ip").allowed()).as("request %d", i + 1).isTrue();
    }
    RateLimiter.Decision refused = limiter.tryAcquire("ip");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(12); // one token per 60 s / 5
  }

  @Test
  void tryAcquire_concurrentCallersTakeExactlyTheCapacity() throws Exception {
    RateLimiter limiter = limiter(300, Duration.ofMinutes(1)); // the fake clock stands still: no refill
    java.util.List<Integer> allowed = AtOnce.values(8, t -> () -> {
      int mine = 0;
      for (int i = 0; i < 200; i++) if (limiter.tryAcquire("ip").allowed()) mine++;
      return mine;
    });
    // compare-and-set loses no token and grants none twice
    assertThat(allowed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
  }

  @Test
  void tryAcquire_allowedDecisionHasNoRetryAfter() {
    assertThat(limiter(1, Duration.ofSeconds(1)).tryAcquire("k")).isEqualTo(new RateLimiter.Decision(true, 0));
  }

  @Test
  void tryAcquire_refillsOneTokenPerInterval() {
    RateLimiter limiter = limiter(5, Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      limiter.tryAcquire("ip");
    }
    advance(Duration.ofSeconds(11));
    RateLimiter.Decision early = limiter.tryAcquire("ip");
    assertThat(early.allowed()).isFalse();
    assertThat(early.retryAfterSeconds()).isEqualTo(1);
    advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("ip").allowed()).isTrue();
    assertThat(limiter.tryAcquire("ip").allowed()).isFalse();
  }

  @Test
  void tryAcquire_refusedRequestsDoNotConsumeTokens() {
    RateLimiter limiter = limiter(2, Duration.ofSeconds(10));
    limiter.tryAcquire("ip");
    limiter.tryAcquire("ip");
    for (int i = 0; i < 50; i++) {
      assertThat(limiter.tryAcquire("ip").allowed()).isFalse();
    }
    advance(Duration.ofSeconds(5));
    assertThat(limiter.tryAcquire("ip").allowed()).isTrue();
  }

  @Test
  void tryAcquire_fullRefillAfterOnePeriodNeverExceedsCapacity() {
    RateLimiter limiter = limiter(3, Duration.ofSeconds(30));
    advance(Duration.ofHours(5)); // idle time must not bank more than `capacity` tokens
    int allowed = 0;
    for (int i = 0; i < 10; i++) {
      allowed += limiter.tryAcquire("ip").allowed() ? 1 : 0;
    }
    assertThat(allowed).isEqualTo(3);
    advance(Duration.ofSeconds(30));
    allowed = 0;
    for (int i = 0; i < 10; i++) {
      allowed += limiter.tryAcquire("ip").allowed() ? 1 : 0;
    }
    assertThat(allowed).isEqualTo(3);
  }

  @Test
  void tryAcquire_keysAreIndependent() {
    RateLimiter limiter = limiter(1, Duration.ofMinutes(1));
    assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    assertThat(limiter.tryAcquire("b").allowed()).isTrue();
  }

  @Test
  void retryAfter_roundsUpToWholeSeconds() {
    RateLimiter limiter = limiter(1, Duration.ofMillis(2_500));
    limiter.tryAcquire("k");
    assertThat(limiter.tryAcquire("k").retryAfterSeconds()).isEqualTo(3);
    advance(Duration.ofMillis(2_400));
    assertThat(limiter.tryAcquire("k").retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void reset_givesTheKeyAFullBucket() {
    RateLimiter limiter = limiter(1, Duration.ofMinutes(1));
    limiter.tryAcquire("k");
    limiter.reset("k");
    assertThat(limiter.tryAcquire("k").allowed()).isTrue();
  }

  @Test
  void memory_staysBoundedUnderManyKeys() {
    RateLimiter limiter = new RateLimiter(5, Duration.ofMinutes(1), 100, ticker);
    for (int i = 0; i < 10_000; i++) {
      limiter.tryAcquire("10.0." + (i / 256) + "." + (i % 256));
    }
    assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(100);
  }

  @Test
  void idleKeys_expireAfterOnePeriod() {
    RateLimiter limiter = limiter(5, Duration.ofMinutes(1));
    limiter.tryAcquire("a");
    limiter.tryAcquire("b");
    assertThat(limiter.trackedKeys()).isEqualTo(2);
    advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(limiter.trackedKeys()).isZero();
  }

  @Test
  void constructor_refusesNonsenseConfiguration() {
    assertThatThrownBy(() -> new RateLimiter(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(1, Duration.ofSeconds(1), 0, ticker))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tooManyRequests_carriesRetryAfterHeaderAndProblemFields() {
    RateLimiter limiter = limiter(1, Duration.ofSeconds(30));
    limiter.tryAcquire("k");
    RateLimiter.Decision denied = limiter.tryAcquire("k");
    assertThat(denied.allowed()).isFalse();
    RateLimited refusal = new RateLimited(denied.retryAfterSeconds(), "Too many codes sent");
    ApiException e = ProblemTable.map(refusal);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.headers()).containsEntry("Retry-After", "30");
    assertThat(refusal.retryAfterSeconds()).isEqualTo(30);
    assertThat(e.toProblem().type()).isEqualTo("/problems/rate-limited");
    assertThat(e.toProblem().title()).isEqualTo("Too many requests");
    assertThat(e.toProblem().detail()).isEqualTo("Too many codes sent; try again in 30 s");
  }

  @Test
  void tooManyRequests_neverAdvertisesRetryAfterZero() {
    assertThat(ProblemTable.map(new RateLimited(0, "Too many requests")).headers()).containsEntry("Retry-After", "1");
  }
}
