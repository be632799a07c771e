package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/** 429: a rate limit was hit; {@link #retryAfter()} says for how long. */
public class RateLimitedProblem extends RetryableProblem {
  public RateLimitedProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
