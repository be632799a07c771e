package dev.apiplatform.server.identity.store;

import java.util.Optional;

/**
 * The Strava fields of users ({@code stravaUserId} and the encrypted tokens), on the same
 * {@code Users} items the {@link UserStore} writes: its writes leave these attributes alone.
 * An athlete belongs to at most one user (a {@code strava#<athlete>} marker, as for e-mail).
 */
public interface StravaLinkStore {

  Optional<StravaLink> find(String userId);

  /** The user the athlete is linked to (strongly consistent, through the marker). */
  Optional<String> userOf(long athleteId);

  /**
   * Links the athlete to the user (replacing a previous link of the user), token version 1 more
   * than before. Linking the athlete the user already has just replaces the tokens.
   *
   * @throws AthleteLinkedException another user holds the athlete
   * @throws UserNotFoundException no such user
   */
  StravaLink link(String userId, StravaLink link);

  /**
   * Replaces the tokens if the stored token version is still {@code current.tokenVersion()}.
   *
   * @return the link as stored, or empty when another writer got there first (or it was unlinked)
   */
  Optional<StravaLink> replaceTokens(String userId, StravaLink current, String accessCipher, String refreshCipher,
      java.time.Instant expiresAt);

  /** Forgets the athlete and its tokens; nothing happens when none is linked. */
  void unlink(String userId);

  /** Another user holds this athlete. */
  final class AthleteLinkedException extends IdentityStoreException {
    public AthleteLinkedException(long athleteId) {
      super("Strava athlete " + athleteId + " is linked to another user", true);
    }
  }
}
