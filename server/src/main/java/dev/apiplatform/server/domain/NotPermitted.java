package dev.apiplatform.server.domain;

/** The caller may not do this to this object (not its owner, not its role). */
public class NotPermitted extends DomainException {

  public NotPermitted(String detail) {
    super(detail);
  }
}
