package dev.apiplatform.server.identity;

import dev.apiplatform.server.domain.RateLimited;
import dev.apiplatform.server.identity.OneTimeCodes.Purpose;
import dev.apiplatform.server.identity.Sessions.SessionTokens;
import dev.apiplatform.server.identity.password.EmailAddresses;
import dev.apiplatform.server.identity.password.PasswordHasher;
import dev.apiplatform.server.identity.password.PasswordPolicy;
import dev.apiplatform.server.identity.store.CounterStore;
import dev.apiplatform.server.identity.store.DuplicateUserException;
import dev.apiplatform.server.identity.store.StaleUserException;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.identity.store.UserStore;
import dev.apiplatform.server.notify.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Email and password accounts, for Motion ({@code /auth/signup ...}) and Clarity Loop
 * ({@code /api/v1/auth/...}) alike: one user store, so an address is one account whichever app
 * created it. Nothing here tells a caller whether an address is registered, except where a seed
 * documents it (signup's 409, Motion's confirm-signup 404).
 */
public final class EmailAccounts {

  public record SignedUp(User user, Optional<String> devCode) {}

  public record SignedIn(User user, SessionTokens tokens) {}

  private static final Duration FAILURE_MEMORY = Duration.ofHours(1);
  private static final long BASE_BACKOFF_SECONDS = 30;
  private static final long MAX_BACKOFF_SECONDS = 3600;

  private final UserStore users;
  private final OneTimeCodes codes;
  private final Sessions sessions;
  private final CounterStore counters;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final Notifier notifier;
  private final IdentitySettings settings;
  private final Clock clock;

  public EmailAccounts(UserStore users, OneTimeCodes codes, Sessions sessions, CounterStore counters,
      PasswordHasher hasher, PasswordPolicy policy, Notifier notifier, IdentitySettings settings, Clock clock) {
    this.users = users;
    this.codes = codes;
    this.sessions = sessions;
    this.counters = counters;
    this.hasher = hasher;
    this.policy = policy;
    this.notifier = notifier;
    this.settings = settings;
    this.clock = clock;
  }

  public SignedUp signup(String rawEmail, String password, Optional<String> firstName, Optional<String> lastName) {
    String email = normalize(rawEmail);
    checkPolicy(password, email);
    User user = User.newUser(UUID.randomUUID().toString(), clock.instant())
        .withEmail(email, false)
        .withPasswordHash(hasher.hash(password))
        .withNames(firstName, lastName);
    try {
      user = users.create(user);
    } catch (DuplicateUserException e) {
      throw new UserExists("email");
    }
    return new SignedUp(user, sendCode(Purpose.EMAIL_VERIFY, email, settings.emailCodeTtl()));
  }

  /**
   * @param unknownIsNotFound Motion's confirm-signup documents 404 for an unknown address;
   *     Clarity's confirm-email answers 400 like a wrong code, so addresses cannot be probed
   */
  public void confirmEmail(String rawEmail, String code, boolean unknownIsNotFound) {
    String email = normalize(rawEmail);
    Optional<User> user = users.findByEmail(email);
    if (user.isEmpty()) {
      throw unknownIsNotFound ? new UserNotFound("email") : new InvalidCode();
    }
    if (!codes.verify(Purpose.EMAIL_VERIFY, email, Optional.empty(), code)) throw new InvalidCode();
    if (!user.get().emailVerified()) users.update(user.get().withEmailVerified(true));
  }

  /** Same answer whether or not the address is registered; a code goes only to real, unconfirmed ones. */
  public Optional<String> resendConfirmation(String rawEmail) {
    String email = normalize(rawEmail);
    Optional<User> user = users.findByEmail(email);
    if (user.isEmpty() || user.get().emailVerified()) return Optional.empty();
    return sendCode(Purpose.EMAIL_VERIFY, email, settings.emailCodeTtl());
  }

  public SignedIn signin(String rawEmail, String password) {
    String email = normalize(rawEmail);
    String failureKey = "signin#" + email;
    checkLockout(failureKey);
    Optional<User> found = users.findByEmail(email);
    Optional<String> phc = found.flatMap(User::passwordHash);
    boolean passwordOk;
    if (phc.isPresent()) {
      passwordOk = hasher.verify(password, phc.get());
    } else {
      hasher.verifyDummy(password); // the same work as a real check, so timing reveals no account
      passwordOk = false;
    }
    if (!passwordOk) {
      counters.recordFailure(failureKey, clock.instant(), FAILURE_MEMORY);
      counters.markEvent(failureKey + "#last", clock.instant(), FAILURE_MEMORY);
      throw new InvalidCredentials();
    }
    User user = found.get();
    // checked after the password, so 403 tells nothing to someone who lacks it
    if (!user.emailVerified()) throw new EmailNotVerified();
    counters.reset(failureKey);
    User updated = user.withLastLoginAt(clock.instant());
    if (hasher.needsRehash(phc.get())) updated = updated.withPasswordHash(hasher.hash(password));
    try {
      updated = users.update(updated);
    } catch (StaleUserException raced) {
      // another sign-in of this account wrote first (it set the login time too); go on only while
      // the password just checked is still the account's, so a reset in between wins
      updated = users.findById(user.userId())
          .filter(u -> u.passwordHash().equals(user.passwordHash()) && u.emailVerified())
          .orElseThrow(InvalidCredentials::new);
    }
    return new SignedIn(updated, sessions.start(updated));
  }

  /** Same answer whether or not the address is registered. */
  public Optional<String> forgotPassword(String rawEmail) {
    String email = normalize(rawEmail);
    if (users.findByEmail(email).isEmpty()) {
      // an unknown address takes the same path up to the send: the same limits (a second request
      // within the cooldown is 429 for both) and the same store writes. Nothing is sent, and the
      // stored code opens nothing (a reset needs the account). Only dev echoes known codes.
      codes.issue(Purpose.PASSWORD_RESET, email, Optional.empty(), settings.resetCodeTtl());
      return Optional.empty();
    }
    return sendCode(Purpose.PASSWORD_RESET, email, settings.resetCodeTtl());
  }

  /** Sets the password and ends every session of the user; also proves the mailbox. */
  public void resetPassword(String rawEmail, String code, String newPassword) {
    String email = normalize(rawEmail);
    checkPolicy(newPassword, email);
    User user = users.findByEmail(email).orElseThrow(InvalidCode::new);
    if (!codes.verify(Purpose.PASSWORD_RESET, email, Optional.empty(), code)) throw new InvalidCode();
    users.update(user.withPasswordHash(hasher.hash(newPassword)).withEmailVerified(true));
    counters.reset("signin#" + email);
    sessions.revokeAll(user.userId(), "password_reset");
  }

  /** After 5 consecutive failures: 30 s, then doubling per further failure, at most an hour. */
  private void checkLockout(String failureKey) {
    long failures = counters.failures(failureKey);
    if (failures < settings.signinFailuresBeforeLockout()) return;
    long exponent = Math.min(failures - settings.signinFailuresBeforeLockout(), 10);
    long backoff = Math.min(MAX_BACKOFF_SECONDS, BASE_BACKOFF_SECONDS << exponent);
    Instant last = counters.lastEvent(failureKey + "#last").orElse(clock.instant());
    long remaining = backoff - Duration.between(last, clock.instant()).getSeconds();
    if (remaining > 0) {
      throw new RateLimited(remaining, "Too many failed sign-ins for this account");
    }
  }

  private Optional<String> sendCode(Purpose purpose, String email, Duration ttl) {
    OneTimeCodes.Issued issued = codes.issue(purpose, email, Optional.empty(), ttl);
    boolean reset = purpose == Purpose.PASSWORD_RESET;
    notifier.sendEmail(email, reset ? "Your password reset code" : "Confirm your email",
        (reset ? "Your password reset code is " : "Your verification code is ") + issued.code()
            + ". It expires in " + humanize(ttl) + ".");
    return settings.echoCodes() ? Optional.of(issued.code()) : Optional.empty();
  }

  private void checkPolicy(String password, String email) {
    policy.check(password, Optional.of(email)).ifPresent(v -> {
      throw new WeakPassword(v.message(), v.reason());
    });
  }

  private static String normalize(String rawEmail) {
    return EmailAddresses.normalize(rawEmail).orElseThrow(() ->
        new InvalidEmail(EmailAddresses.INVALID_MESSAGE, EmailAddresses.INVALID_REASON));
  }

  private static String humanize(Duration ttl) {
    return ttl.toHours() >= 1 ? ttl.toHours() + " hours" : ttl.toMinutes() + " minutes";
  }
}
