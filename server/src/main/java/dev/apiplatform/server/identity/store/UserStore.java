package dev.apiplatform.server.identity.store;

import java.util.Optional;

/**
 * Users, with e-mail and phone number unique across users. Reads are strongly consistent.
 * Every write is conditional on the user's {@code version} (optimistic locking) and returns the
 * user as stored (new {@code version} and {@code updatedAt}).
 */
public interface UserStore {

  /**
   * Stores a new user with its e-mail and phone uniqueness markers, all or nothing: of two
   * concurrent sign-ups with one address exactly one succeeds. {@code version} is set to 1;
   * {@code createdAt}/{@code updatedAt} are kept as given.
   *
   * @throws DuplicateUserException another user holds the e-mail address or phone number
   * @throws IllegalArgumentException the user id contains {@code '#'}
   */
  User create(User user);

  Optional<User> findById(String userId);

  /** @param normalizedEmail as normalized by the caller when it was stored */
  Optional<User> findByEmail(String normalizedEmail);

  Optional<User> findByPhone(String e164);

  /**
   * Writes every field of {@code changed} except id, e-mail, phone and {@code createdAt}, if the
   * stored version is still {@code changed.version()}. E-mail and phone must be the stored ones:
   * change them with {@link #attachEmail}/{@link #attachPhone}.
   *
   * @throws StaleUserException the stored version moved
   * @throws UserNotFoundException no such user
   * @throws IllegalArgumentException {@code changed} carries another e-mail or phone than stored
   */
  User update(User changed);

  /** {@link #attachEmail(String, String, boolean, long)} with the address unverified. */
  default User attachEmail(String userId, String normalizedEmail, long expectedVersion) {
    return attachEmail(userId, normalizedEmail, false, expectedVersion);
  }

  /**
   * Gives the user this e-mail address (replacing a previous one, whose marker is released), in
   * one transaction with its uniqueness marker. Attaching the address the user already has
   * changes nothing except raising {@code verified} to true.
   *
   * @throws DuplicateUserException another user holds the address
   * @throws StaleUserException the stored version is not {@code expectedVersion}
   * @throws UserNotFoundException no such user
   */
  User attachEmail(String userId, String normalizedEmail, boolean verified, long expectedVersion);

  /** {@link #attachPhone(String, String, boolean, long)} with the number unverified. */
  default User attachPhone(String userId, String e164, long expectedVersion) {
    return attachPhone(userId, e164, false, expectedVersion);
  }

  /** As {@link #attachEmail(String, String, boolean, long)}, for the phone number. */
  User attachPhone(String userId, String e164, boolean verified, long expectedVersion);

  /**
   * The user's saved events (Motion) and the version they were read at; strongly consistent.
   * Empty when there is no such user. Stores that keep no saved events (test fakes) refuse.
   */
  default Optional<SavedEvent.SavedList> findSavedEvents(String userId) {
    throw new UnsupportedOperationException("this user store keeps no saved events");
  }

  /**
   * Replaces the user's saved events if the stored version is still {@code expectedVersion}
   * (raising it by one, like every user write), so two concurrent saves cannot both win.
   *
   * @return the new version
   * @throws StaleUserException the stored version moved
   * @throws UserNotFoundException no such user
   */
  default long replaceSavedEvents(String userId, java.util.List<SavedEvent> events, long expectedVersion) {
    throw new UnsupportedOperationException("this user store keeps no saved events");
  }
}
