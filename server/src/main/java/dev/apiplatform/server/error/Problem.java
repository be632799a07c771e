package dev.apiplatform.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * RFC 9457 problem details, as {@code openapi/shared/problem.yaml} defines them. Hand-written
 * rather than generated because every error path needs it, including those (404 on an unknown
 * path) that no operation of the contract owns. {@code message} and {@code reason} are extension
 * members that seed 001 (Motion) clients read; only Motion's operations set them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    @JsonProperty("error_id") String errorId,
    List<FieldError> errors,
    String message,
    String reason,
    @JsonProperty("errors_total") Integer errorsTotal) {

  public static final String MEDIA_TYPE = "application/problem+json";

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FieldError(String field, String message, String code) {}

  public Problem(String type, String title, int status, String detail, String instance, String errorId,
      List<FieldError> errors) {
    this(type, title, status, detail, instance, errorId, errors, null, null, null);
  }

  public Problem(String type, String title, int status, String detail, String instance, String errorId,
      List<Problem.FieldError> errors, String message, String reason) {
    this(type, title, status, detail, instance, errorId, errors, message, reason, null);
  }

  public Problem withInstance(String path) {
    return new Problem(type, title, status, detail, path, errorId, errors, message, reason, errorsTotal);
  }
}
