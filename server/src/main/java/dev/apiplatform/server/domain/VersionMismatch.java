package dev.apiplatform.server.domain;

/** The version the change names is not the current one (stale or unknown {@code If-Match}). */
public class VersionMismatch extends DomainException {

  public VersionMismatch(String detail) {
    super(detail);
  }
}
