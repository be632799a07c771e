package dev.apiplatform.server.identity;

/** An address that is not a usable email. */
public final class InvalidEmail extends PolicyRefusal {

  public InvalidEmail(String message, String reason) {
    super(message, reason);
  }
}
