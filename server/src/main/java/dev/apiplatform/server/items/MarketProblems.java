package dev.apiplatform.server.items;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.Problem;
import java.util.List;
import java.util.Map;

/** The problems the marketplace groups (items, offers) raise on purpose. */
public final class MarketProblems {

  private MarketProblems() {}

  public static ApiException invalid(String field, String message, String code) {
    return new ApiException(400, "/problems/validation", "Request validation failed", "1 field is invalid",
        List.of(new Problem.FieldError(field, message, code)), Map.of());
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "/problems/not-found", "Resource not found", detail);
  }

  /** 403, not 404: items are browsable by every signed-in user, so hiding one would hide nothing. */
  public static ApiException forbidden(String detail) {
    return new ApiException(403, "/problems/forbidden", "Forbidden", detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "/problems/conflict", "Conflict", detail);
  }

  public static ApiException preconditionFailed(String detail) {
    return new ApiException(412, "/problems/precondition-failed", "Precondition failed", detail);
  }

  public static ApiException preconditionRequired(String detail) {
    return new ApiException(428, "/problems/precondition-required", "Precondition required", detail);
  }

  public static ApiException idempotencyKeyReused() {
    return new ApiException(422, "/problems/idempotency-key-reused", "Idempotency key reused",
        "This Idempotency-Key was used with a different request body");
  }
}
