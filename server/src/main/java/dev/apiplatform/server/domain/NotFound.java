package dev.apiplatform.server.domain;

/** The thing asked for does not exist (or is not the caller's to see). */
public class NotFound extends DomainException {

  public NotFound(String detail) {
    super(detail);
  }
}
