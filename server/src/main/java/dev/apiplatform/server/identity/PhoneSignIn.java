package dev.apiplatform.server.identity;

import dev.apiplatform.server.identity.OneTimeCodes.Purpose;
import dev.apiplatform.server.identity.Sessions.SessionTokens;
import dev.apiplatform.server.identity.password.PhoneNumbers;
import dev.apiplatform.server.identity.store.DuplicateUserException;
import dev.apiplatform.server.identity.store.StaleUserException;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.identity.store.UserStore;
import dev.apiplatform.server.notify.Notifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Passwordless phone sign-in, both seed shapes: seed 000's register/login then verify with
 * {@code {phoneNumber, code}}, and seed 004's start then verify with {@code {phone, otp, session}}.
 * Either way the person ends up as one user keyed by the phone number.
 */
public final class PhoneSignIn {

  /** A code was sent; {@code devCode} is present only in the {@code dev} stage. */
  public record CodeSent(String phoneNumber, long expiresInSeconds, Optional<String> devCode) {}

  /** Seed 004's start: the opaque session handle the verify must present. */
  public record Started(String session, String phone, Optional<String> devOtp) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserStore users;
  private final OneTimeCodes codes;
  private final Sessions sessions;
  private final Notifier notifier;
  private final IdentitySettings settings;
  private final Clock clock;

  public PhoneSignIn(UserStore users, OneTimeCodes codes, Sessions sessions, Notifier notifier,
      IdentitySettings settings, Clock clock) {
    this.users = users;
    this.codes = codes;
    this.sessions = sessions;
    this.notifier = notifier;
    this.settings = settings;
    this.clock = clock;
  }

  /** Seed 000: 409 when the number is taken (the seed documents that distinction). */
  public CodeSent register(String phoneNumber) {
    String phone = normalize(phoneNumber);
    if (users.findByPhone(phone).isPresent()) throw new UserExists("phone number");
    return send(phone);
  }

  /** Seed 000: 404 when no user has the number (documented by the seed). */
  public CodeSent login(String phoneNumber) {
    String phone = normalize(phoneNumber);
    if (users.findByPhone(phone).isEmpty()) throw new UserNotFound("phone number");
    return send(phone);
  }

  /** Seed 004: the code is bound to a fresh session handle; the user is created on verify. */
  public Started start(String phoneNumber) {
    String phone = normalize(phoneNumber);
    byte[] handle = new byte[24];
    RANDOM.nextBytes(handle);
    String session = Base64.getUrlEncoder().withoutPadding().encodeToString(handle);
    OneTimeCodes.Issued issued = codes.issue(Purpose.SMS_START, phone, Optional.of(session), settings.smsCodeTtl());
    notifier.sendSms(phone, smsText(issued));
    return new Started(session, phone, echo(issued));
  }

  /** Seed 000's verify shape. */
  public SessionTokens verifyCode(String phoneNumber, String code) {
    String phone = normalize(phoneNumber);
    if (!codes.verify(Purpose.SMS_SIGNIN, phone, Optional.empty(), code)) throw new InvalidCode();
    return sessions.start(userFor(phone));
  }

  /** Seed 004's verify shape: the code must match this phone and this session. */
  public SessionTokens verifySession(String phoneNumber, String otp, String session) {
    String phone = normalize(phoneNumber);
    if (!codes.verify(Purpose.SMS_START, phone, Optional.of(session), otp)) throw new InvalidCode();
    return sessions.start(userFor(phone));
  }

  private CodeSent send(String phone) {
    OneTimeCodes.Issued issued = codes.issue(Purpose.SMS_SIGNIN, phone, Optional.empty(), settings.smsCodeTtl());
    notifier.sendSms(phone, smsText(issued));
    return new CodeSent(phone, issued.ttl().getSeconds(), echo(issued));
  }

  /** The user of this verified number: found, or created now (first sign-in). */
  private User userFor(String phone) {
    Optional<User> existing = users.findByPhone(phone);
    User user;
    if (existing.isPresent()) {
      user = existing.get();
    } else {
      try {
        user = users.create(User.newUser(UUID.randomUUID().toString(), clock.instant()).withPhoneNumber(phone, true));
      } catch (DuplicateUserException raced) {
        // a concurrent verify for the same number created the user first: use that one
        user = users.findByPhone(phone).orElseThrow(() -> raced);
      }
    }
    User signedIn = user.withLastLoginAt(clock.instant());
    if (!user.phoneVerified()) signedIn = signedIn.withPhoneVerified(true);
    try {
      return users.update(signedIn);
    } catch (StaleUserException raced) {
      // a concurrent sign-in with this number wrote first; it verified the phone and set the login time
      return users.findById(user.userId()).orElseThrow(() -> raced);
    }
  }

  private String smsText(OneTimeCodes.Issued issued) {
    return "Your sign-in code is " + issued.code() + ". It expires in " + issued.ttl().toMinutes() + " minutes.";
  }

  private Optional<String> echo(OneTimeCodes.Issued issued) {
    return settings.echoCodes() ? Optional.of(issued.code()) : Optional.empty();
  }

  private static String normalize(String phoneNumber) {
    return PhoneNumbers.normalizeE164(phoneNumber)
        .orElseThrow(() -> new InvalidRequest("phoneNumber must be a valid E.164 number such as +14155550123"));
  }
}
