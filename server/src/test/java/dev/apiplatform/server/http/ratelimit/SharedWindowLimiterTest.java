package dev.apiplatform.server.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.server.identity.store.CounterStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import dev.apiplatform.server.testing.AtOnce;

class SharedWindowLimiterTest {

  /** The windowed part of a counter store, in memory; counts its calls. */
  static final class WindowStore implements CounterStore {
    final Map<String, Long> counts = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public long incrementWindow(String key, Duration window, Instant now) {
      return addToWindow(key, window, now, 1);
    }

    @Override
    public long addToWindow(String key, Duration window, Instant now, long amount) {
      calls.incrementAndGet();
      long start = Math.floorDiv(now.getEpochSecond(), window.getSeconds());
      return counts.merge(key + "#" + start, amount, Long::sum);
    }

    @Override public Optional<Instant> lastEvent(String key) { throw new UnsupportedOperationException(); }
    @Override public void markEvent(String key, Instant at, Duration keep) { throw new UnsupportedOperationException(); }
    @Override public boolean tryMarkEvent(String key, Instant at, Duration m, Duration k) { throw new UnsupportedOperationException(); }
    @Override public long failures(String key) { throw new UnsupportedOperationException(); }
    @Override public long recordFailure(String key, Instant now, Duration keep) { throw new UnsupportedOperationException(); }
    @Override public void reset(String key) { throw new UnsupportedOperationException(); }
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-12-01T10:00:05Z");
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  }

  @Test
  void concurrentCallers_oneInstance_stillAllowExactlyTheLimit() throws Exception {
    WindowStore store = new WindowStore();
    SharedWindowLimiter limiter = new SharedWindowLimiter(store, 1_000, Duration.ofSeconds(60), new MutableClock());
    java.util.List<Integer> allowed = AtOnce.values(8, t -> () -> {
      int mine = 0;
      for (int i = 0; i < 500; i++) if (limiter.tryAcquire("u1").allowed()) mine++;
      return mine;
    });
    // 4000 attempts on the lock-free path: every leased request spent once, none twice
    assertThat(allowed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
    assertThat(store.counts.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(1_000);
  }

  @Test
  void oneInstance_allowsExactlyTheLimitPerWindow_thenAgainInTheNextWindow() {
    WindowStore store = new WindowStore();
    MutableClock clock = new MutableClock();
    SharedWindowLimiter limiter = new SharedWindowLimiter(store, 100, Duration.ofSeconds(60), clock);
    int allowed = 0;
    for (int i = 0; i < 150; i++) if (limiter.tryAcquire("u1").allowed()) allowed++;
    assertThat(allowed).isEqualTo(100);
    SharedWindowLimiter.Decision refused = limiter.tryAcquire("u1");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.resetSeconds()).isEqualTo(55);
    assertThat(limiter.tryAcquire("u2").allowed()).as("another caller has its own allowance").isTrue();
    clock.now = clock.now.plusSeconds(60);
    assertThat(limiter.tryAcquire("u1").allowed()).isTrue();
  }

  @Test
  void twoInstancesSharingTheStore_allowTheLimitTogether_notEachTheirOwn() {
    WindowStore store = new WindowStore();
    MutableClock clock = new MutableClock();
    SharedWindowLimiter a = new SharedWindowLimiter(store, 100, Duration.ofSeconds(60), clock);
    SharedWindowLimiter b = new SharedWindowLimiter(store, 100, Duration.ofSeconds(60), clock);
    int allowed = 0;
    for (int i = 0; i < 200; i++) if ((i % 2 == 0 ? a : b).tryAcquire("u1").allowed()) allowed++;
    assertThat(allowed).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(100 - 2 * 4);
  }

  @Test
  void theStoreIsCalledOncePerLease_notPerRequest() {
    WindowStore store = new WindowStore();
    SharedWindowLimiter limiter = new SharedWindowLimiter(store, 100, Duration.ofSeconds(60), new MutableClock());
    for (int i = 0; i < 300; i++) limiter.tryAcquire("u1");
    // 20 leases of 5 spend the window; the 200 refusals after it cost nothing
    assertThat(store.calls.get()).isEqualTo(21);
  }
}
