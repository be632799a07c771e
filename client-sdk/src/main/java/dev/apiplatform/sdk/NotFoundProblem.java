package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/** 404: no such object (another user's object looks the same). */
public class NotFoundProblem extends ProblemException {
  public NotFoundProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
