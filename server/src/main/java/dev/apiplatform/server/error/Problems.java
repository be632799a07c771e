package dev.apiplatform.server.error;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** The problem kinds the platform itself produces, with their stable type URIs and titles. */
public final class Problems {

  private Problems() {}

  public static Problem validation(List<Problem.FieldError> errors) {
    String detail = errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid";
    return new Problem("/problems/validation", "Request validation failed", 400, detail, null, null, errors);
  }

  public static Problem malformedBody(String detail) {
    return new Problem("/problems/malformed-body", "Malformed request body", 400, detail, null, null, null);
  }

  public static Problem payloadTooLarge(long limit) {
    return new Problem("/problems/payload-too-large", "Request body too large", 413,
        "The request body exceeds " + limit + " bytes", null, null, null);
  }

  /** For statuses raised by the HTTP layer itself (404, 405, 406, 415 ...). */
  public static Problem forStatus(int status, String detail) {
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
    String slug = switch (status) {
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 415 -> "unsupported-media-type";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      default -> status >= 500 ? "server-error" : "http-" + status;
    };
    return new Problem("/problems/" + slug, title, status, detail, null, null, null);
  }

  public static Problem internal(String errorId) {
    return new Problem("/problems/internal", "Internal server error", 500,
        "Something went wrong on our side. It has been logged (ID " + errorId + ").", null, errorId, null);
  }
}
