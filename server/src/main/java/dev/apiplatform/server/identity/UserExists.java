package dev.apiplatform.server.identity;

import dev.apiplatform.server.domain.DomainException;

/** A user with this phone number or email exists. */
public final class UserExists extends DomainException {

  public UserExists(String what) {
    super("A user with this " + what + " already exists");
  }
}
