package dev.apiplatform.server.identity;

import dev.apiplatform.server.domain.DomainException;

/** Wrong email or password; the same answer for an unknown email, so neither is revealed. */
public final class InvalidCredentials extends DomainException {

  public InvalidCredentials() {
    super("The email or password is wrong");
  }
}
