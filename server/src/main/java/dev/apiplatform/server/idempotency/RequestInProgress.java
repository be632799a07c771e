package dev.apiplatform.server.idempotency;

import dev.apiplatform.server.domain.Conflict;

/** The first request with this Idempotency-Key has not finished yet. */
public final class RequestInProgress extends Conflict {

  public RequestInProgress(String detail) {
    super(detail);
  }
}
