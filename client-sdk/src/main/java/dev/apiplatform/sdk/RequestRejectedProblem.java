package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/** 413 (body too large) or 415 (not application/json): the request as sent can never succeed. */
public class RequestRejectedProblem extends ProblemException {
  public RequestRejectedProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
