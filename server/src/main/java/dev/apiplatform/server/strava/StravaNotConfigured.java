package dev.apiplatform.server.strava;

import dev.apiplatform.server.domain.DomainException;

/** No STRAVA_CLIENT_ID / STRAVA_CLIENT_SECRET / STRAVA_REDIRECT_URI: a 503, never a 500. */
public final class StravaNotConfigured extends DomainException {
  public StravaNotConfigured() {
    super("This server has no Strava client credentials");
  }
}
