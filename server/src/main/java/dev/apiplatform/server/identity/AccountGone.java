package dev.apiplatform.server.identity;

import dev.apiplatform.server.domain.DomainException;

/** A valid token whose user no longer exists. */
public final class AccountGone extends DomainException {

  public AccountGone() {
    super("The account no longer exists");
  }
}
