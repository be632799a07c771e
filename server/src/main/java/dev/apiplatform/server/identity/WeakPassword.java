package dev.apiplatform.server.identity;

/** A password the policy refuses (length, common, contains the email ...). */
public final class WeakPassword extends PolicyRefusal {

  public WeakPassword(String message, String reason) {
    super(message, reason);
  }
}
