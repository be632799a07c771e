package dev.apiplatform.server.security;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.error.ProblemType;
import java.util.List;
import java.util.Map;

/** The one 401 the platform answers: a problem document plus an RFC 6750 challenge. */
final class Unauthorized {

  static final String TITLE = "Authentication required";
  static final String CHALLENGE_HEADER = "WWW-Authenticate";
  private static final String REALM = "Bearer realm=\"platform\"";

  private Unauthorized() {}

  static Problem problem(String detail) {
    return new Problem(ProblemType.UNAUTHORIZED.uri(), TITLE, 401, detail, null, null, null);
  }

  /** No credentials were sent: the challenge names no error (RFC 6750 §3.1). */
  static String missingChallenge() {
    return REALM;
  }

  static String invalidChallenge(String reason) {
    return REALM + ", error=\"invalid_token\", error_description=\"" + quotable(reason) + "\"";
  }

  static ApiException missing() {
    return new ApiException(ProblemType.UNAUTHORIZED, TITLE, "This operation needs a bearer access token", List.of(),
        Map.of(CHALLENGE_HEADER, missingChallenge()));
  }

  // Reasons are our own fixed strings; this keeps a future careless one from breaking the header.
  private static String quotable(String reason) {
    return reason.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "");
  }
}
