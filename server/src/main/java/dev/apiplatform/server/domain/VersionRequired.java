package dev.apiplatform.server.domain;

/** A change that must name the version it replaces did not (no {@code If-Match}). */
public class VersionRequired extends DomainException {

  public VersionRequired(String detail) {
    super(detail);
  }
}
