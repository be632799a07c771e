package dev.apiplatform.server.http.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.apiplatform.server.identity.store.CounterStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed-window request limit counted in a store every instance shares, so N instances allow
 * {@code limit} per window in total, not N times it.
 *
 * <p>Cheap on the hot path: an instance does not call the store per request. It takes a batch
 * (a lease) of {@code lease} requests from the shared count in one atomic ADD and spends it
 * locally; only every {@code lease}-th request of a key costs a store round trip, and once a
 * window is exhausted its denials cost none until the window ends. The shared count never lets
 * more than {@code limit} through in a window; an instance may refuse a little early (at most
 * {@code lease - 1} requests per instance and window stay leased but unspent). With one instance
 * the limit is exact.
 */
public final class SharedWindowLimiter {

  /** {@code remaining} is what this key has left in the window; {@code resetSeconds} until it ends. */
  public record Decision(boolean allowed, long remaining, long resetSeconds) {}

  /**
   * One key's window. The hot path spends a leased request with one CAS on {@code unspent}; only
   * taking a new lease from the store (every {@code lease}-th request) locks the window.
   */
  private static final class Window {
    final long start;
    final AtomicLong unspent = new AtomicLong(); // leased to this instance, not yet used
    volatile long sharedCount;                   // the store's count after this instance's last lease
    volatile boolean exhausted;

    Window(long start) {
      this.start = start;
    }

    /** Takes one leased request; what is left of the lease after it, or -1 when none was left. */
    long spend() {
      while (true) {
        long left = unspent.get();
        if (left <= 0) return -1;
        if (unspent.compareAndSet(left, left - 1)) return left - 1;
      }
    }
  }

  private final CounterStore store;
  private final int limit;
  private final Duration window;
  private final long lease;
  private final Clock clock;
  private final Cache<String, Window> windows;
  private final String policyHeader;

  public SharedWindowLimiter(CounterStore store, int limit, Duration window, Clock clock) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
    if (window.getSeconds() < 1 || window.getNano() != 0) throw new IllegalArgumentException("window: whole seconds, at least 1");
    this.store = store;
    this.limit = limit;
    this.window = window;
    this.lease = Math.max(1, limit / 20);
    this.clock = clock;
    this.windows = Caffeine.newBuilder()
        .maximumSize(RateLimiter.DEFAULT_MAX_KEYS)
        .expireAfterWrite(window.multipliedBy(2))
        .executor(Runnable::run)
        .build();
    this.policyHeader = "\"api\";q=" + limit + ";w=" + window.getSeconds();
  }

  /** The {@code RateLimit-Policy} header of this limit, built once. */
  public String policyHeader() {
    return policyHeader;
  }

  public int limit() {
    return limit;
  }

  public Duration window() {
    return window;
  }

  /** Counts one request of {@code key}. */
  public Decision tryAcquire(String key) {
    Instant now = clock.instant();
    long length = window.getSeconds();
    long start = Math.floorDiv(now.getEpochSecond(), length) * length;
    long reset = Math.max(1, start + length - now.getEpochSecond());
    Window w = windows.getIfPresent(key); // lock-free when the key's window is current
    if (w == null || w.start != start) {
      w = windows.asMap().compute(key, (k, old) -> old == null || old.start != start ? new Window(start) : old);
    }
    if (w.exhausted) return new Decision(false, 0, reset);
    long left = w.spend();
    if (left >= 0) return new Decision(true, Math.max(0, limit - w.sharedCount + left), reset);
    synchronized (w) { // the lease is spent: one thread takes the next one from the store
      if (w.exhausted) return new Decision(false, 0, reset);
      left = w.spend(); // another thread may have leased meanwhile
      if (left >= 0) return new Decision(true, Math.max(0, limit - w.sharedCount + left), reset);
      long count = store.addToWindow("api-limit#" + key, window, now, lease);
      long before = count - lease;
      if (before >= limit) {
        w.exhausted = true;
        return new Decision(false, 0, reset);
      }
      long granted = Math.min(lease, limit - before);
      w.sharedCount = before + granted;
      w.unspent.set(granted - 1); // this request spends the first of the lease
      return new Decision(true, Math.max(0, limit - w.sharedCount + granted - 1), reset);
    }
  }
}
