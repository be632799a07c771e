package dev.apiplatform.server.identity.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-time code as stored: only its keyed hash, never the code.
 *
 * @param key the store key, chosen by the caller (e.g. {@code SMS_LOGIN#+4915112345678}); one
 *     live code per key
 * @param purpose {@link #SMS_LOGIN}, {@link #SMS_START}, {@link #EMAIL_VERIFY}, {@link #PASSWORD_RESET} ...
 * @param destination where the code was sent (e-mail address or E.164 number)
 * @param sessionBinding optional value the verifying request must present (e.g. a start-session id)
 * @param codeHash keyed hash of the code, computed by the caller
 * @param attempts failed verification attempts so far
 * @param maxAttempts attempts after which the code can no longer be consumed
 * @param expiresAt stored with second precision
 */
public record CodeRecord(
    String key,
    String purpose,
    String destination,
    Optional<String> sessionBinding,
    String codeHash,
    int attempts,
    int maxAttempts,
    Instant createdAt,
    Instant expiresAt) {

  public static final String SMS_LOGIN = "SMS_LOGIN";
  public static final String SMS_START = "SMS_START";
  public static final String EMAIL_VERIFY = "EMAIL_VERIFY";
  public static final String PASSWORD_RESET = "PASSWORD_RESET";

  public CodeRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(sessionBinding, "sessionBinding");
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether attempts are left and the code has not expired at {@code now} (second precision, as the store checks). */
  public boolean usableAt(Instant now) {
    return attempts < maxAttempts && expiresAt.getEpochSecond() > now.getEpochSecond();
  }

  @Override
  public String toString() {
    return "CodeRecord[key=" + key + ", purpose=" + purpose + ", attempts=" + attempts + "/" + maxAttempts
        + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
  }
}
