package dev.apiplatform.server.error;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** The problem kinds the platform itself produces, with their stable type URIs and titles. */
public final class Problems {

  private Problems() {}

  public static Problem validation(List<Problem.FieldError> errors) {
    return validation(errors, errors.size());
  }

  /** {@code errors} may be the first of {@code total}; then errors_total says how many there were. */
  public static Problem validation(List<Problem.FieldError> errors, int total) {
    String detail = total == 1 ? "1 field is invalid" : total + " fields are invalid";
    return new Problem(ProblemType.VALIDATION.uri(), "Request validation failed", 400, detail, null, null, errors,
        null, null, total > errors.size() ? total : null);
  }

  public static Problem malformedBody(String detail) {
    return new Problem(ProblemType.MALFORMED_BODY.uri(), "Malformed request body", 400, detail, null, null, null);
  }

  public static Problem payloadTooLarge(long limit) {
    return new Problem(ProblemType.PAYLOAD_TOO_LARGE.uri(), "Request body too large", 413,
        "The request body exceeds " + limit + " bytes", null, null, null);
  }

  /** For statuses raised by the HTTP layer itself (404, 405, 406, 415 ...). */
  public static Problem forStatus(int status, String detail) {
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
    ProblemType known = switch (status) {
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 406 -> ProblemType.NOT_ACCEPTABLE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 401 -> ProblemType.UNAUTHORIZED;
      case 403 -> ProblemType.FORBIDDEN;
      default -> status >= 500 ? ProblemType.SERVER_ERROR : null;
    };
    // a 4xx Jersey raises that no type names (rare: 400 from a bad parameter has its own mapper)
    String uri = known != null ? known.uri() : ProblemType.httpStatus(status);
    return new Problem(uri, title, status, detail, null, null, null);
  }

  public static Problem internal(String errorId) {
    return new Problem(ProblemType.INTERNAL.uri(), "Internal server error", 500,
        "Something went wrong on our side. It has been logged (ID " + errorId + ").", null, errorId, null);
  }
}
