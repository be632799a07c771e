package dev.apiplatform.server.domain;

/** The object's state does not allow this now (sold, no longer pending, already there). */
public class Conflict extends DomainException {

  public Conflict(String detail) {
    super(detail);
  }
}
