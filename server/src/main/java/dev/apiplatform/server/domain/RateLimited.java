package dev.apiplatform.server.domain;

/**
 * Too many attempts; the caller may try again after {@link #retryAfterSeconds()} (at least 1:
 * a wait of 0 would invite an immediate retry that is bound to fail again).
 */
public class RateLimited extends DomainException {

  private final long retryAfterSeconds;

  /** {@code what} says what was limited ("Too many codes sent to this number"), never whom. */
  public RateLimited(long retryAfterSeconds, String what) {
    super(what + "; try again in " + Math.max(1, retryAfterSeconds) + " s");
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
