package dev.apiplatform.server.identity.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SessionStore#rotate} did. Only {@link Outcome#ROTATED} stored the successor.
 *
 * @param sessionId set for {@code ROTATED} and {@code REUSED}
 * @param userId set for {@code ROTATED} and {@code REUSED}
 * @param presented the presented token as stored, set for {@code REUSED} (its {@code usedAt} and
 *     {@code replacedBy} tell the caller whether this is a retry within its grace period)
 */
public record RotationResult(
    Outcome outcome,
    Optional<String> sessionId,
    Optional<String> userId,
    Optional<RefreshTokenRecord> presented) {

  public enum Outcome {
    /** The presented token is now used and the successor stored. */
    ROTATED,
    /** The presented token had been used already (replay or a client retry). */
    REUSED,
    /** No such token (or it belongs to another session than the successor's). */
    NOT_FOUND,
    /** The presented token has expired. */
    EXPIRED,
    /** The session is revoked, expired or gone. */
    REVOKED
  }

  public RotationResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(presented, "presented");
  }

  public static RotationResult rotated(String sessionId, String userId) {
    return new RotationResult(Outcome.ROTATED, Optional.of(sessionId), Optional.of(userId), Optional.empty());
  }

  public static RotationResult reused(RefreshTokenRecord presented) {
    return new RotationResult(Outcome.REUSED, Optional.of(presented.sessionId()),
        Optional.of(presented.userId()), Optional.of(presented));
  }

  public static RotationResult notFound() {
    return new RotationResult(Outcome.NOT_FOUND, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static RotationResult expired() {
    return new RotationResult(Outcome.EXPIRED, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static RotationResult revoked() {
    return new RotationResult(Outcome.REVOKED, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
