package dev.apiplatform.server.identity;

import dev.apiplatform.server.error.ApiException;
import java.util.List;
import java.util.Map;

/** The failures of the sign-in flows, each with its stable problem type. */
public final class IdentityProblems {

  private IdentityProblems() {}

  public static ApiException invalidCode() {
    return new ApiException(400, "/problems/invalid-code", "Invalid or expired code",
        "The code is wrong, expired or already used; request a new one");
  }

  public static ApiException invalidRequest(String detail) {
    return new ApiException(400, "/problems/invalid-request", "Invalid request", detail);
  }

  public static ApiException weakPassword(String message, String reason) {
    return new ApiException(400, "/problems/weak-password", message, reason).withMotionFields(message, reason);
  }

  public static ApiException invalidEmail(String message, String reason) {
    return new ApiException(400, "/problems/invalid-email", message, reason).withMotionFields(message, reason);
  }

  public static ApiException userExists(String what) {
    return new ApiException(409, "/problems/user-exists", "User already exists", "A user with this " + what + " already exists");
  }

  public static ApiException userNotFound(String what) {
    return new ApiException(404, "/problems/user-not-found", "User not found", "No user with this " + what);
  }

  public static ApiException invalidCredentials() {
    return new ApiException(401, "/problems/invalid-credentials", "Invalid credentials",
        "The email or password is wrong");
  }

  public static ApiException notVerified() {
    return new ApiException(403, "/problems/email-not-verified", "Email not verified",
        "Confirm your email with the code we sent before signing in");
  }

  public static ApiException invalidRefreshToken() {
    return new ApiException(401, "/problems/invalid-refresh-token", "Invalid refresh token",
        "The refresh token is unknown, expired, already used or its session has ended",
        List.of(), Map.of("WWW-Authenticate", "Bearer realm=\"platform\", error=\"invalid_token\""));
  }

  /** A valid token whose user no longer exists. */
  public static ApiException accountGone() {
    return new ApiException(401, "/problems/unauthorized", "Authentication required", "The account no longer exists",
        List.of(), Map.of("WWW-Authenticate", "Bearer realm=\"platform\", error=\"invalid_token\""));
  }

  public static ApiException rateLimited(long retryAfterSeconds, String detail) {
    long seconds = Math.max(1, retryAfterSeconds);
    return new ApiException(429, "/problems/rate-limited", "Too many requests", detail + "; try again in " + seconds + " s",
        List.of(), Map.of("Retry-After", Long.toString(seconds)));
  }
}
