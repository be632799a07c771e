package dev.apiplatform.server.domain;

/**
 * Base of every refusal a service makes on purpose. A subclass names the outcome in the domain's
 * words ({@code ItemNotFound}, {@code VersionMismatch}) and carries the detail a client reads; it
 * knows nothing of HTTP. {@code error.ProblemTable} is the one place that maps each class (or its
 * nearest mapped superclass) to a problem type, status, title and headers.
 *
 * <p>Extend one of the families here ({@link NotFound}, {@link NotPermitted}, {@link Conflict},
 * {@link InvalidField}, {@link VersionRequired}, {@link VersionMismatch}, {@link RateLimited});
 * only a new problem type needs a new direct subclass and a row in the table.
 */
public abstract class DomainException extends RuntimeException {

  protected DomainException(String detail) {
    super(detail, null, false, false); // no stack trace: an expected outcome, not a bug
  }

  /** The sentence the problem's {@code detail} carries. */
  public String detail() {
    return getMessage();
  }
}
