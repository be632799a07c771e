package dev.apiplatform.server.strava;

import dev.apiplatform.server.domain.DomainException;

/** Strava refused to exchange the code (expired, used, or for another client). */
public final class InvalidOAuthCode extends DomainException {
  public InvalidOAuthCode() {
    super("Strava refused the authorization code; start the connection again");
  }
}
