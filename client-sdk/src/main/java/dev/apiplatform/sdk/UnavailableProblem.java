package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/** 503: a dependency of the server is down or an outbound delivery failed; try again later. */
public class UnavailableProblem extends RetryableProblem {
  public UnavailableProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
