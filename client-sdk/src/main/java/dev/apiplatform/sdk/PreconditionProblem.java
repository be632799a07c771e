package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/** 412 (the object changed since that ETag) or 428 (If-Match missing). */
public class PreconditionProblem extends ProblemException {
  public PreconditionProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
