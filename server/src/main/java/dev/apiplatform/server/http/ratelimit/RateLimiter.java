package dev.apiplatform.server.http.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory token buckets, one per key (an IP, a phone number, an email): each bucket holds
 * {@code capacity} tokens and refills at {@code capacity} per {@code refillPeriod}, so a key may
 * burst to the capacity and then sustains the average rate.
 *
 * <p>A bucket is stored as the single instant at which it will be full again (the generic cell
 * rate algorithm), one {@code AtomicLong} per key, updated by compare-and-set (no lock on the
 * request path). Keys live in a size-bounded Caffeine cache: a flood
 * of distinct IPs evicts the least useful buckets instead of exhausting the heap. Idle keys
 * expire after one refill period; by then their bucket is full, so forgetting them loses nothing.
 * Under eviction pressure a busy key may be forgotten early and get a fresh bucket, which is the
 * price of the memory bound.
 *
 * <p>Limits are per process: with several instances each allows its own share.
 */
public final class RateLimiter {

  /** {@code retryAfterSeconds} is 0 when allowed, otherwise at least 1 (whole seconds, rounded up). */
  public record Decision(boolean allowed, long retryAfterSeconds) {
    static final Decision ALLOWED = new Decision(true, 0);
  }

  public static final long DEFAULT_MAX_KEYS = 100_000;

  private final long intervalNanos;
  private final long periodNanos;
  private final Ticker ticker;
  private final Cache<String, AtomicLong> fullAt;

  public RateLimiter(int capacity, Duration refillPeriod) {
    this(capacity, refillPeriod, DEFAULT_MAX_KEYS, Ticker.systemTicker());
  }

  /**
   * @param maxKeys how many keys are tracked at most
   * @param ticker nanosecond time source; tests pass a fake one
   */
  public RateLimiter(int capacity, Duration refillPeriod, long maxKeys, Ticker ticker) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    if (refillPeriod.isNegative() || refillPeriod.isZero()) {
      throw new IllegalArgumentException("refillPeriod must be positive");
    }
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1");
    }
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.periodNanos = refillPeriod.toNanos();
    this.intervalNanos = Math.max(1, periodNanos / capacity);
    this.fullAt = Caffeine.newBuilder()
        .maximumSize(maxKeys)
        .expireAfterAccess(refillPeriod)
        .ticker(ticker)
        // maintenance on the calling thread: no pool threads, and deterministic in tests
        .executor(Runnable::run)
        .build();
  }

  /** Takes one token from {@code key}'s bucket if it has one. Safe to call from any thread. */
  public Decision tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    // lock-free: a bucket is one AtomicLong updated by compare-and-set (no map bin lock per call)
    AtomicLong bucket = fullAt.get(key, k -> new AtomicLong(ticker.read() - 1));
    while (true) {
      long stored = bucket.get();
      long now = ticker.read();
      long start = stored - now < 0 ? now : stored;
      long next = start + intervalNanos;
      // the bucket may be at most one full period "in debt": that is `capacity` tokens taken
      long debt = next - now;
      if (debt > periodNanos) {
        return new Decision(false, Math.max(1, ceilSeconds(debt - periodNanos)));
      }
      if (bucket.compareAndSet(stored, next)) return Decision.ALLOWED;
    }
  }

  /** Forgets {@code key}'s bucket, e.g. after a successful sign-in resets failed attempts. */
  public void reset(String key) {
    fullAt.invalidate(key);
  }

  long trackedKeys() {
    fullAt.cleanUp();
    return fullAt.estimatedSize();
  }

  private static long ceilSeconds(long nanos) {
    long second = 1_000_000_000L;
    return nanos / second + (nanos % second == 0 ? 0 : 1);
  }
}
