package dev.apiplatform.server.error;

import java.util.List;
import java.util.Map;

/**
 * A problem answer already decided: type, status, title, detail, extra members and headers.
 * The HTTP layer (filters, mappers) throws it directly; services throw
 * {@link dev.apiplatform.server.domain.DomainException}s instead, which {@link ProblemTable}
 * turns into one of these. One mapper turns the whole family into {@code application/problem+json}.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String type;
  private final String title;
  private final List<Problem.FieldError> errors;
  private final Map<String, String> headers;
  private String legacyMessage;
  private String legacyReason;

  public ApiException(ProblemType type, String title, String detail) {
    this(type, title, detail, List.of(), Map.of());
  }

  public ApiException(ProblemType type, String title, String detail,
      List<Problem.FieldError> errors, Map<String, String> headers) {
    super(detail, null, false, false); // no stack trace: these are expected outcomes, not bugs
    this.status = type.status();
    this.type = type.uri();
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** Adds seed 001's {@code message}/{@code reason} members for Motion clients. */
  public ApiException withMotionFields(String message, String reason) {
    this.legacyMessage = message;
    this.legacyReason = reason;
    return this;
  }

  public Problem toProblem() {
    return new Problem(type, title, status, getMessage(), null, null, errors.isEmpty() ? null : errors,
        legacyMessage, legacyReason);
  }
}
