package dev.apiplatform.server.strava;

import dev.apiplatform.server.domain.DomainException;

/**
 * Strava gave no usable answer. {@code failed} = it answered an error (502); otherwise it did not
 * answer or is rate-limiting us (503, retry later).
 */
public final class StravaUnavailable extends DomainException {
  private final boolean failed;

  public StravaUnavailable(String detail, boolean failed) {
    super(detail);
    this.failed = failed;
  }

  public boolean failed() {
    return failed;
  }
}
