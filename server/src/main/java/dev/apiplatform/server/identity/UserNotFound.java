package dev.apiplatform.server.identity;

import dev.apiplatform.server.domain.DomainException;

/** No user with this phone number or email (only where the seed says to tell; sign-in never does). */
public final class UserNotFound extends DomainException {

  public UserNotFound(String what) {
    super("No user with this " + what);
  }
}
