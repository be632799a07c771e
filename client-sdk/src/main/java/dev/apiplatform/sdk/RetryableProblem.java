package dev.apiplatform.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A problem that says when to try again ({@code Retry-After}); the SDK already retried it. */
public abstract class RetryableProblem extends ProblemException {
  private final Duration retryAfter;

  protected RetryableProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
    this.retryAfter = Problems.retryAfter(headers);
  }

  /** The server's {@code Retry-After}, or null when it sent none. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
