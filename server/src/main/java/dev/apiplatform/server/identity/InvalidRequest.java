package dev.apiplatform.server.identity;

import dev.apiplatform.server.domain.DomainException;

/** A sign-in request whose fields do not fit together. */
public final class InvalidRequest extends DomainException {

  public InvalidRequest(String detail) {
    super(detail);
  }
}
