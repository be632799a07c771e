package dev.apiplatform.server.strava;

import dev.apiplatform.server.domain.DomainException;

/** The user unticked a permission the agent needs; the detail names it. */
public final class InsufficientScope extends DomainException {
  private final String missing;

  public InsufficientScope(String missing) {
    super("The Strava authorization lacks the scope " + missing + "; connect again and allow it");
    this.missing = missing;
  }

  public String missing() {
    return missing;
  }
}
