package dev.apiplatform.server.identity;

import dev.apiplatform.server.domain.DomainException;

/** A one-time code is wrong, expired or used; which of them is not told. */
public final class InvalidCode extends DomainException {

  public InvalidCode() {
    super("The code is wrong, expired or already used; request a new one");
  }
}
