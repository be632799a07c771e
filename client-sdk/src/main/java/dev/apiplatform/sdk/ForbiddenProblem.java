package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/** 403: authenticated, but not allowed (another user's object, an unconfirmed email). */
public class ForbiddenProblem extends ProblemException {
  public ForbiddenProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
