package dev.apiplatform.server.identity;

import dev.apiplatform.server.domain.DomainException;

/** A refresh token that cannot be rotated. */
public final class InvalidRefreshToken extends DomainException {

  public InvalidRefreshToken() {
    super("The refresh token is unknown, expired, already used or its session has ended");
  }
}
