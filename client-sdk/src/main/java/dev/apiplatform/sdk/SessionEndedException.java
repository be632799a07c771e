package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/**
 * The session is over: its refresh token was refused (replayed, revoked by sign-out elsewhere,
 * expired). The {@link TokenStore} has been cleared; send the user to sign in again.
 */
public class SessionEndedException extends UnauthorizedProblem {
  public SessionEndedException(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
