package dev.apiplatform.server.strava;

import dev.apiplatform.server.domain.DomainException;

/** The callback's {@code state} is another user's, forged, expired or used already. */
public final class InvalidOAuthState extends DomainException {
  public InvalidOAuthState(String why) {
    super("The OAuth state is not valid: " + why);
  }
}
