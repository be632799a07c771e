package dev.apiplatform.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Remembers revocation answers for a few seconds so that an authenticated request does not cost
 * a database read.
 *
 * <p>The price: another instance, which did not see the logout, may keep accepting a revoked
 * session's access tokens for up to {@code ttl}. On the instance that handled the logout, {@link
 * #invalidate} makes it take effect at once. Keep {@code ttl} short; it is added to the window
 * in which a stolen token stays usable after its session was ended.
 */
public final class CachedRevocations implements SessionRevocations {

  public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
  public static final long DEFAULT_MAX_SESSIONS = 100_000;

  private final SessionRevocations delegate;
  private final Cache<String, Boolean> cache;

  public CachedRevocations(SessionRevocations delegate) {
    this(delegate, DEFAULT_TTL);
  }

  public CachedRevocations(SessionRevocations delegate, Duration ttl) {
    this(delegate, ttl, DEFAULT_MAX_SESSIONS, Ticker.systemTicker(), ForkJoinPool.commonPool());
  }

  CachedRevocations(SessionRevocations delegate, Duration ttl, long maxSessions, Ticker ticker, Executor executor) {
    if (ttl.isNegative() || ttl.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("revocation cache TTL must be between 0 and 5 minutes, got " + ttl);
    }
    this.delegate = delegate;
    this.cache = Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        .maximumSize(maxSessions)
        .ticker(ticker)
        .executor(executor)
        .build();
  }

  /**
   * A compute rather than get-then-put: the synchronous cache loads under the map's lock for the
   * key, so an invalidate() racing with a load waits for it and then removes its result, and a
   * "not revoked" read just before a logout cannot outlive it. (Caffeine leaves this interplay
   * unspecified; CachedRevocationsTest pins it.)
   */
  @Override
  public boolean isRevoked(String sessionId) {
    return cache.get(sessionId, delegate::isRevoked);
  }

  /** Forget what is known about the session; call after the revocation is stored. */
  public void invalidate(String sessionId) {
    cache.invalidate(sessionId);
  }

  /**
   * Forget everything; for revocations whose session ids are not at hand (all sessions of a
   * user). Costs one store read per active session in the next few seconds, nothing more.
   */
  public void invalidateAll() {
    cache.invalidateAll();
  }
}
