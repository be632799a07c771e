package dev.apiplatform.server.security;

/**
 * A token was rejected. The message is a short fixed reason ("token expired") that may go to
 * the client in {@code WWW-Authenticate}; it never contains the token or any of its claims,
 * which are attacker-controlled and could smuggle text into headers or logs.
 */
public final class InvalidTokenException extends RuntimeException {

  public InvalidTokenException(String reason) {
    super(reason, null, false, false); // an expected outcome on a hot path: no stack trace
  }

  public String reason() {
    return getMessage();
  }
}
