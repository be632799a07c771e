package dev.apiplatform.server.http.ratelimit;

import dev.apiplatform.server.error.ApiException;
import java.util.List;
import java.util.Map;

/**
 * 429 with {@code Retry-After}, so well-behaved clients back off for exactly as long as the
 * limiter needs instead of retrying in a loop.
 */
public class TooManyRequestsException extends ApiException {

  public static final String TYPE = "/problems/rate-limited";
  public static final String TITLE = "Too many requests";

  private final long retryAfterSeconds;

  public TooManyRequestsException(long retryAfterSeconds) {
    this(retryAfterSeconds, "Too many requests");
  }

  /** {@code detail} says what was limited ("Too many codes sent to this number"), never whom. */
  public TooManyRequestsException(long retryAfterSeconds, String detail) {
    // Retry-After: 0 would invite an immediate retry that is bound to fail again
    super(429, TYPE, TITLE, detail + "; try again in " + atLeastOne(retryAfterSeconds) + " s",
        List.of(), Map.of("Retry-After", Long.toString(atLeastOne(retryAfterSeconds))));
    this.retryAfterSeconds = atLeastOne(retryAfterSeconds);
  }

  /** The refusal for a denied {@link RateLimiter.Decision}. */
  public static TooManyRequestsException of(RateLimiter.Decision decision, String detail) {
    if (decision.allowed()) {
      throw new IllegalArgumentException("decision allowed the request");
    }
    return new TooManyRequestsException(decision.retryAfterSeconds(), detail);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  private static long atLeastOne(long seconds) {
    return Math.max(1, seconds);
  }
}
