package dev.apiplatform.server.identity.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A refresh token as stored: only its hash.
 *
 * @param tokenHash hash of the opaque token (the key)
 * @param expiresAt stored with second precision
 * @param usedAt when it was rotated (a second use is a replay)
 * @param replacedBy hash of the token that replaced it
 */
public record RefreshTokenRecord(
    String tokenHash,
    String sessionId,
    String userId,
    Instant issuedAt,
    Instant expiresAt,
    Optional<Instant> usedAt,
    Optional<String> replacedBy) {

  public RefreshTokenRecord {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(usedAt, "usedAt");
    Objects.requireNonNull(replacedBy, "replacedBy");
  }

  /** A fresh, unused token. */
  public static RefreshTokenRecord issued(String tokenHash, String sessionId, String userId,
      Instant issuedAt, Instant expiresAt) {
    return new RefreshTokenRecord(tokenHash, sessionId, userId, issuedAt, expiresAt,
        Optional.empty(), Optional.empty());
  }

  /** Not expired at {@code now} (second precision, as the store checks). */
  public boolean unexpiredAt(Instant now) {
    return expiresAt.getEpochSecond() > now.getEpochSecond();
  }
}
