package dev.apiplatform.server.identity.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user as stored.
 *
 * @param userId opaque id; never contains {@code '#'} (reserved for the uniqueness markers)
 * @param email normalized e-mail address (the caller normalizes), unique across users
 * @param phoneNumber E.164 phone number, unique across users
 * @param passwordHash encoded password hash (Argon2id), absent for password-less users
 * @param status {@link #STATUS_ACTIVE}
 * @param role {@link #ROLE_PATIENT} (default), {@link #ROLE_CLINICIAN}, {@link #ROLE_RESEARCHER}
 *     or {@link #ROLE_ADMIN}
 * @param version optimistic-locking version; the store sets 1 on create and adds 1 on each write
 */
public record User(
    String userId,
    Optional<String> email,
    Optional<String> phoneNumber,
    Optional<String> passwordHash,
    boolean emailVerified,
    boolean phoneVerified,
    String status,
    String role,
    Optional<String> firstName,
    Optional<String> lastName,
    Optional<String> selectedVoiceId,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> lastLoginAt,
    long version) {

  public static final String STATUS_ACTIVE = "ACTIVE";
  public static final String ROLE_PATIENT = "PATIENT";
  public static final String ROLE_CLINICIAN = "CLINICIAN";
  public static final String ROLE_RESEARCHER = "RESEARCHER";
  public static final String ROLE_ADMIN = "ADMIN";

  public User {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(phoneNumber, "phoneNumber");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(selectedVoiceId, "selectedVoiceId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(lastLoginAt, "lastLoginAt");
  }

  /** A new active patient with nothing but an id, to be filled with the {@code with*} methods. */
  public static User newUser(String userId, Instant now) {
    return new User(userId, Optional.empty(), Optional.empty(), Optional.empty(), false, false,
        STATUS_ACTIVE, ROLE_PATIENT, Optional.empty(), Optional.empty(), Optional.empty(),
        now, now, Optional.empty(), 0);
  }

  /** Only for {@link UserStore#create}; an existing user's address changes via {@link UserStore#attachEmail}. */
  public User withEmail(String normalizedEmail, boolean verified) {
    return new User(userId, Optional.of(normalizedEmail), phoneNumber, passwordHash, verified, phoneVerified,
        status, role, firstName, lastName, selectedVoiceId, createdAt, updatedAt, lastLoginAt, version);
  }

  /** Only for {@link UserStore#create}; an existing user's number changes via {@link UserStore#attachPhone}. */
  public User withPhoneNumber(String e164, boolean verified) {
    return new User(userId, email, Optional.of(e164), passwordHash, emailVerified, verified,
        status, role, firstName, lastName, selectedVoiceId, createdAt, updatedAt, lastLoginAt, version);
  }

  public User withEmailVerified(boolean verified) {
    return new User(userId, email, phoneNumber, passwordHash, verified, phoneVerified,
        status, role, firstName, lastName, selectedVoiceId, createdAt, updatedAt, lastLoginAt, version);
  }

  public User withPhoneVerified(boolean verified) {
    return new User(userId, email, phoneNumber, passwordHash, emailVerified, verified,
        status, role, firstName, lastName, selectedVoiceId, createdAt, updatedAt, lastLoginAt, version);
  }

  public User withPasswordHash(String hash) {
    return new User(userId, email, phoneNumber, Optional.of(hash), emailVerified, phoneVerified,
        status, role, firstName, lastName, selectedVoiceId, createdAt, updatedAt, lastLoginAt, version);
  }

  public User withRole(String newRole) {
    return new User(userId, email, phoneNumber, passwordHash, emailVerified, phoneVerified,
        status, newRole, firstName, lastName, selectedVoiceId, createdAt, updatedAt, lastLoginAt, version);
  }

  public User withStatus(String newStatus) {
    return new User(userId, email, phoneNumber, passwordHash, emailVerified, phoneVerified,
        newStatus, role, firstName, lastName, selectedVoiceId, createdAt, updatedAt, lastLoginAt, version);
  }

  public User withNames(Optional<String> first, Optional<String> last) {
    return new User(userId, email, phoneNumber, passwordHash, emailVerified, phoneVerified,
        status, role, first, last, selectedVoiceId, createdAt, updatedAt, lastLoginAt, version);
  }

  public User withSelectedVoiceId(Optional<String> voiceId) {
    return new User(userId, email, phoneNumber, passwordHash, emailVerified, phoneVerified,
        status, role, firstName, lastName, voiceId, createdAt, updatedAt, lastLoginAt, version);
  }

  public User withLastLoginAt(Instant at) {
    return new User(userId, email, phoneNumber, passwordHash, emailVerified, phoneVerified,
        status, role, firstName, lastName, selectedVoiceId, createdAt, updatedAt, Optional.of(at), version);
  }

  /** The password hash is a secret: never printed. */
  @Override
  public String toString() {
    return "User[userId=" + userId + ", email=" + email + ", phoneNumber=" + phoneNumber
        + ", passwordHash=" + (passwordHash.isPresent() ? "<set>" : "<none>")
        + ", emailVerified=" + emailVerified + ", phoneVerified=" + phoneVerified
        + ", status=" + status + ", role=" + role + ", version=" + version + "]";
  }
}
