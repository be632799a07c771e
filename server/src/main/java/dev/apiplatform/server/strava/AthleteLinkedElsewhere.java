package dev.apiplatform.server.strava;

import dev.apiplatform.server.domain.Conflict;

/** The Strava athlete is connected to another user of this platform. */
public final class AthleteLinkedElsewhere extends Conflict {
  public AthleteLinkedElsewhere() {
    super("This Strava athlete is connected to another account");
  }
}
