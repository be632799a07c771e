package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/** 400: the request is malformed or fails validation; {@link #errors()} names the fields. */
public class ValidationProblem extends ProblemException {
  public ValidationProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
