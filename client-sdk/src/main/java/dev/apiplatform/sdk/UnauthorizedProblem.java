package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/** 401: missing, expired or invalid token, or wrong credentials at sign-in. */
public class UnauthorizedProblem extends ProblemException {
  public UnauthorizedProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
