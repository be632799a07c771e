package dev.apiplatform.server.error;

import static dev.apiplatform.server.error.ProblemType.*;

import dev.apiplatform.server.domain.Conflict;
import dev.apiplatform.server.domain.DomainException;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.domain.NotFound;
import dev.apiplatform.server.domain.NotPermitted;
import dev.apiplatform.server.domain.RateLimited;
import dev.apiplatform.server.domain.VersionMismatch;
import dev.apiplatform.server.domain.VersionRequired;
import dev.apiplatform.server.echoes.UploadNotAcceptable;
import dev.apiplatform.server.idempotency.IdempotencyKeyReused;
import dev.apiplatform.server.identity.AccountGone;
import dev.apiplatform.server.identity.EmailNotVerified;
import dev.apiplatform.server.identity.InvalidCode;
import dev.apiplatform.server.identity.InvalidCredentials;
import dev.apiplatform.server.identity.InvalidEmail;
import dev.apiplatform.server.identity.InvalidRefreshToken;
import dev.apiplatform.server.identity.InvalidRequest;
import dev.apiplatform.server.identity.PolicyRefusal;
import dev.apiplatform.server.identity.UserExists;
import dev.apiplatform.server.identity.UserNotFound;
import dev.apiplatform.server.identity.WeakPassword;
import dev.apiplatform.server.strava.InsufficientScope;
import dev.apiplatform.server.strava.InvalidOAuthCode;
import dev.apiplatform.server.strava.InvalidOAuthState;
import dev.apiplatform.server.strava.StravaNotConfigured;
import dev.apiplatform.server.strava.StravaUnavailable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * THE table from domain refusals to problem answers. A {@link DomainException} is answered by the
 * row of its class or of its nearest superclass that has one, so {@code ItemNotFound} needs no row
 * of its own ({@link NotFound} has it). Titles and details are exactly what clients have seen so
 * far; change one and the conformance suite says so.
 */
public final class ProblemTable {

  /** RFC 6750: a token that was presented but is no good. */
  private static final Map<String, String> INVALID_TOKEN =
      Map.of("WWW-Authenticate", "Bearer realm=\"platform\", error=\"invalid_token\"");

  private static final Map<Class<?>, Function<DomainException, ApiException>> ROWS = new HashMap<>();

  static {
    row(InvalidField.class, e -> new ApiException(VALIDATION, "Request validation failed", e.detail(),
        List.of(new Problem.FieldError(e.field(), e.message(), e.code())), Map.of()));
    row(NotFound.class, e -> plain(NOT_FOUND, "Resource not found", e));
    // 403, not 404: items are browsable by every signed-in user, so hiding one would hide nothing
    row(NotPermitted.class, e -> plain(FORBIDDEN, "Forbidden", e));
    row(Conflict.class, e -> plain(CONFLICT, "Conflict", e));
    row(VersionRequired.class, e -> plain(PRECONDITION_REQUIRED, "Precondition required", e));
    row(VersionMismatch.class, e -> plain(PRECONDITION_FAILED, "Precondition failed", e));
    // Retry-After, so well-behaved clients back off exactly as long as the limit needs
    row(RateLimited.class, e -> new ApiException(RATE_LIMITED, "Too many requests", e.detail(), List.of(),
        Map.of("Retry-After", Long.toString(e.retryAfterSeconds()))));
    row(IdempotencyKeyReused.class, e -> plain(IDEMPOTENCY_KEY_REUSED, "Idempotency key reused", e));
    row(UploadNotAcceptable.class, e -> plain(UPLOAD_NOT_ACCEPTABLE, "Uploaded object not acceptable", e));
    row(InvalidRequest.class, e -> plain(INVALID_REQUEST, "Invalid request", e));
    row(InvalidCode.class, e -> plain(INVALID_CODE, "Invalid or expired code", e));
    row(WeakPassword.class, e -> policy(WEAK_PASSWORD, e));
    row(InvalidEmail.class, e -> policy(INVALID_EMAIL, e));
    row(UserExists.class, e -> plain(USER_EXISTS, "User already exists", e));
    row(UserNotFound.class, e -> plain(USER_NOT_FOUND, "User not found", e));
    row(InvalidCredentials.class, e -> plain(INVALID_CREDENTIALS, "Invalid credentials", e));
    row(EmailNotVerified.class, e -> plain(EMAIL_NOT_VERIFIED, "Email not verified", e));
    row(InvalidRefreshToken.class, e -> new ApiException(INVALID_REFRESH_TOKEN, "Invalid refresh token", e.detail(),
        List.of(), INVALID_TOKEN));
    row(StravaNotConfigured.class, e -> new ApiException(STRAVA_NOT_CONFIGURED, "Strava is not configured", e.detail()));
    row(StravaUnavailable.class, e -> e.failed()
        ? new ApiException(STRAVA_FAILED, "Strava refused the request", e.detail())
        : new ApiException(STRAVA_UNAVAILABLE, "Strava is unavailable", e.detail(), List.of(),
            Map.of("Retry-After", "30")));
    row(InvalidOAuthState.class, e -> plain(INVALID_OAUTH_STATE, "Invalid OAuth state", e));
    row(InvalidOAuthCode.class, e -> plain(INVALID_OAUTH_CODE, "Invalid authorization code", e));
    row(InsufficientScope.class, e -> plain(INSUFFICIENT_SCOPE, "Missing Strava scope", e));
    row(AccountGone.class, e -> new ApiException(UNAUTHORIZED, "Authentication required", e.detail(), List.of(),
        INVALID_TOKEN));
  }

  private ProblemTable() {}

  /** The problem answer for {@code refusal}; a class with no row (nor a mapped ancestor) is a bug. */
  public static ApiException map(DomainException refusal) {
    for (Class<?> c = refusal.getClass(); c != DomainException.class; c = c.getSuperclass()) {
      Function<DomainException, ApiException> row = ROWS.get(c);
      if (row != null) return row.apply(refusal);
    }
    throw new IllegalStateException("No row in ProblemTable for " + refusal.getClass().getName());
  }

  @SuppressWarnings("unchecked")
  private static <E extends DomainException> void row(Class<E> type, Function<E, ApiException> answer) {
    ROWS.put(type, e -> answer.apply((E) e));
  }

  private static ApiException plain(ProblemType type, String title, DomainException e) {
    return new ApiException(type, title, e.detail());
  }

  private static ApiException policy(ProblemType type, PolicyRefusal e) {
    return new ApiException(type, e.message(), e.reason()).withMotionFields(e.message(), e.reason());
  }
}
