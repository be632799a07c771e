package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/** 409: the request conflicts with the object's state (taken id, sold item, offer no longer pending). */
public class ConflictProblem extends ProblemException {
  public ConflictProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
