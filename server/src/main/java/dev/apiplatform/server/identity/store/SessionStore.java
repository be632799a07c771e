package dev.apiplatform.server.identity.store;

import java.time.Instant;
import java.util.Optional;

/** Sessions and their refresh tokens. Reads of single items are strongly consistent. */
public interface SessionStore {

  /**
   * Stores a new session and its first refresh token in one transaction.
   *
   * @throws IllegalArgumentException the token belongs to another session or user
   * @throws IdentityStoreException the session id or token hash exists already
   */
  void create(Session session, RefreshTokenRecord first);

  Optional<Session> find(String sessionId);

  /** True when the session is missing, revoked or expired (by the store's clock). */
  boolean isRevoked(String sessionId);

  /** Revokes the session; the first revocation's time and reason stay. No-op when it does not exist. */
  void revoke(String sessionId, String reason);

  /**
   * Revokes every session of the user found by the (eventually consistent) user index.
   *
   * @return how many sessions this call revoked
   */
  int revokeAllForUser(String userId, String reason);

  /** The token as stored, used or not, expired or not. */
  Optional<RefreshTokenRecord> findRefreshToken(String tokenHash);

  /**
   * In one transaction: marks the presented token used (by {@code successor}) if it is unused,
   * unexpired at {@code now} and belongs to {@code successor.sessionId()} and
   * {@code successor.userId()}; checks that the
   * session is neither revoked nor expired; stores {@code successor}. Otherwise nothing is
   * written and the result says why: {@code REUSED} (with the stored token) before
   * {@code EXPIRED} before {@code REVOKED}; {@code NOT_FOUND} for an unknown token or one of
   * another session or user. The grace period for client retries is the caller's rule.
   */
  RotationResult rotate(String presentedHash, RefreshTokenRecord successor, Instant now);
}
