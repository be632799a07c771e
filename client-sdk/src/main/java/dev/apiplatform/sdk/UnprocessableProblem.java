package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/** 422: an Idempotency-Key reused with another body, or an upload that is not acceptable. */
public class UnprocessableProblem extends ProblemException {
  public UnprocessableProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
