package dev.apiplatform.server.http.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.apiplatform.server.identity.store.CounterStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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

  private static final class Window {
    final long start;
    long unspent;       // leased to this instance, not yet used
    long sharedCount;   // the store's count after this instance's last lease
    boolean exhausted;

    Window(long start) {
      this.start = start;
    }
  }

  private final CounterStore store;
  private final int limit;
  private final Duration window;
  private final long lease;
  private final Clock clock;
  private final Cache<String, Window> windows;

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
    Window w = windows.asMap().compute(key, (k, old) -> old == null || old.start != start ? new Window(start) : old);
    synchronized (w) {
      if (w.exhausted) return new Decision(false, 0, reset);
      if (w.unspent == 0) {
        long count = store.addToWindow("api-limit#" + key, window, now, lease);
        long before = count - lease;
        if (before >= limit) {
          w.exhausted = true;
          return new Decision(false, 0, reset);
        }
        w.unspent = Math.min(lease, limit - before);
        w.sharedCount = before + w.unspent;
      }
      w.unspent--;
      return new Decision(true, Math.max(0, limit - w.sharedCount + w.unspent), reset);
    }
  }
}
