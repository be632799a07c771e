package dev.apiplatform.server.identity.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A sign-in session: the family of its refresh tokens.
 *
 * @param expiresAt absolute end of the session (chosen by the caller); stored with second precision
 * @param revokedAt when it was revoked (logout, password reset, refresh-token reuse ...)
 * @param revokeReason why, as given to {@link SessionStore#revoke}
 */
public record Session(
    String sessionId,
    String userId,
    Instant createdAt,
    Instant expiresAt,
    Optional<Instant> revokedAt,
    Optional<String> revokeReason) {

  public Session {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(revokeReason, "revokeReason");
  }

  /** A new, unrevoked session. */
  public static Session open(String sessionId, String userId, Instant createdAt, Instant expiresAt) {
    return new Session(sessionId, userId, createdAt, expiresAt, Optional.empty(), Optional.empty());
  }

  /** Usable at {@code now}: not revoked and not expired (second precision, as the store checks). */
  public boolean activeAt(Instant now) {
    return revokedAt.isEmpty() && expiresAt.getEpochSecond() > now.getEpochSecond();
  }
}
