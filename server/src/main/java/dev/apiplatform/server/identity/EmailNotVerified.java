package dev.apiplatform.server.identity;

import dev.apiplatform.server.domain.DomainException;

/** The password is right but the email is not confirmed yet. */
public final class EmailNotVerified extends DomainException {

  public EmailNotVerified() {
    super("Confirm your email with the code we sent before signing in");
  }
}
