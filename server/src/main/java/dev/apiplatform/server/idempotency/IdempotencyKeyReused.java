package dev.apiplatform.server.idempotency;

import dev.apiplatform.server.domain.DomainException;

/** The Idempotency-Key was used before with a different request body. */
public final class IdempotencyKeyReused extends DomainException {

  public IdempotencyKeyReused() {
    super("This Idempotency-Key was used with a different request body");
  }
}
