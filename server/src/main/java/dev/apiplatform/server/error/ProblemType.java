package dev.apiplatform.server.error;

/**
 * Every problem type the platform answers, declared once: the stable relative URI (Zalando #176)
 * and the status it goes with. Clients branch on these strings, so they never change; a new
 * kind of refusal adds a constant here and, when services raise it, a row in {@link ProblemTable}.
 */
public enum ProblemType {
  // the HTTP layer's own answers (Jersey, filters, mappers)
  VALIDATION("validation", 400),
  MALFORMED_BODY("malformed-body", 400),
  UNAUTHORIZED("unauthorized", 401),
  FORBIDDEN("forbidden", 403),
  NOT_FOUND("not-found", 404),
  METHOD_NOT_ALLOWED("method-not-allowed", 405),
  NOT_ACCEPTABLE("not-acceptable", 406),
  PAYLOAD_TOO_LARGE("payload-too-large", 413),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
  RATE_LIMITED("rate-limited", 429),
  INTERNAL("internal", 500),
  /** A 5xx the HTTP layer raised itself; the response keeps that status. */
  SERVER_ERROR("server-error", 500),
  UNAVAILABLE("unavailable", 503),
  // third parties behind the platform's outbound clients
  LLM_NOT_CONFIGURED("llm-not-configured", 503),
  LLM_UNAVAILABLE("llm-unavailable", 503),
  LLM_FAILED("llm-failed", 502),
  GEOCODER_UNAVAILABLE("geocoder-unavailable", 503),
  STRAVA_NOT_CONFIGURED("strava-not-configured", 503),
  STRAVA_UNAVAILABLE("strava-unavailable", 503),
  STRAVA_FAILED("strava-failed", 502),

  // the domain's refusals (services), mapped by ProblemTable
  CONFLICT("conflict", 409),
  PRECONDITION_FAILED("precondition-failed", 412),
  PRECONDITION_REQUIRED("precondition-required", 428),
  IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422),
  UPLOAD_NOT_ACCEPTABLE("upload-not-acceptable", 422),
  UPLOAD_EXPIRED("upload-expired", 410),
  INVALID_REQUEST("invalid-request", 400),
  INVALID_CODE("invalid-code", 400),
  WEAK_PASSWORD("weak-password", 400),
  INVALID_EMAIL("invalid-email", 400),
  INVALID_CREDENTIALS("invalid-credentials", 401),
  INVALID_REFRESH_TOKEN("invalid-refresh-token", 401),
  EMAIL_NOT_VERIFIED("email-not-verified", 403),
  USER_NOT_FOUND("user-not-found", 404),
  USER_EXISTS("user-exists", 409),
  INVALID_OAUTH_STATE("invalid-oauth-state", 400),
  INVALID_OAUTH_CODE("invalid-oauth-code", 400),
  INSUFFICIENT_SCOPE("insufficient-scope", 400);

  private final String uri;
  private final int status;

  ProblemType(String slug, int status) {
    this.uri = "/problems/" + slug;
    this.status = status;
  }

  /** The {@code type} member: {@code /problems/<slug>}. */
  public String uri() {
    return uri;
  }

  public int status() {
    return status;
  }

  /** {@code /problems/http-<status>}: a status the HTTP layer raised that no constant names. */
  static String httpStatus(int status) {
    return "/problems/http-" + status;
  }
}
