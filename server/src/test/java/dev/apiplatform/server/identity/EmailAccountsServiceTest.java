package dev.apiplatform.server.identity;

import static dev.apiplatform.server.identity.IdentityServices.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.identity.EmailAccounts.SignedIn;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import dev.apiplatform.server.testing.AtOnce;

/**
 * {@code EmailAccounts} on DynamoDB Local with the real Argon2id hasher and password policy:
 * sign-in lockout and its back-off, what a failed sign-in tells (nothing about the account),
 * the not-verified answer, and seed 001's policy texts. Each test has its own address.
 */
class EmailAccountsServiceTest extends IdentityServicesTestBase {

  private static final String PASSWORD = "Quiet-Lynx-1987";
  private static final String WRONG = "Quiet-Lynx-1988";

  // --- lockout -------------------------------------------------------------------------------

  @Test
  void signin_refusesEvenTheRightPassword_afterFiveWrongOnes_retryAfter30() {
    String email = verifiedAccount();
    failFiveTimes(email);

    ApiException locked = refusal(() -> s.emailAccounts.signin(email, PASSWORD));

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.headers()).containsEntry("Retry-After", "30");
    assertThat(locked.toProblem().type()).isEqualTo("/problems/rate-limited");
  }

  @Test
  void signin_lockoutCountsDown_retryAfterIsTheRemainingSeconds() {
    String email = verifiedAccount();
    failFiveTimes(email);
    s.clock.advance(Duration.ofSeconds(12));

    assertThat(refusal(() -> s.emailAccounts.signin(email, PASSWORD)).headers()).containsEntry("Retry-After", "18");
  }

  @Test
  void signin_oneMoreWrongAfterTheWait_locksFor60s() {
    String email = verifiedAccount();
    failFiveTimes(email);
    s.clock.advance(Duration.ofSeconds(30));

    assertThat(refusal(() -> s.emailAccounts.signin(email, WRONG)).status()).as("6th wrong, after the wait").isEqualTo(401);
    ApiException locked = refusal(() -> s.emailAccounts.signin(email, PASSWORD));

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.headers()).containsEntry("Retry-After", "60");
    s.clock.advance(Duration.ofSeconds(30));
    assertThat(refusal(() -> s.emailAccounts.signin(email, PASSWORD)).headers()).containsEntry("Retry-After", "30");
  }

  @Test
  void signin_rightPasswordAfterTheWait_succeeds_andResetsTheCount() {
    String email = verifiedAccount();
    failFiveTimes(email);
    s.clock.advance(Duration.ofSeconds(30));

    assertThatCode(() -> s.emailAccounts.signin(email, PASSWORD)).doesNotThrowAnyException();

    // a fresh count: four failures do not lock, the right password still works
    for (int i = 0; i < 4; i++) {
      assertThat(refusal(() -> s.emailAccounts.signin(email, WRONG)).status()).isEqualTo(401);
    }
    assertThatCode(() -> s.emailAccounts.signin(email, PASSWORD)).doesNotThrowAnyException();
  }

  @Test
  void signin_locksOutUnknownAddresses_likeKnownOnes() {
    String unknown = IdentityServices.newEmail("nobody");
    failFiveTimes(unknown);

    ApiException locked = refusal(() -> s.emailAccounts.signin(unknown, PASSWORD));

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.headers()).containsEntry("Retry-After", "30");
  }

  // --- what a refusal tells ------------------------------------------------------------------

  @Test
  void signin_unknownEmailAndWrongPassword_giveTheSameProblem() {
    String email = verifiedAccount();

    ApiException wrongPassword = refusal(() -> s.emailAccounts.signin(email, WRONG));
    ApiException unknownEmail = refusal(() -> s.emailAccounts.signin(IdentityServices.newEmail("nobody"), PASSWORD));

    Problem a = wrongPassword.toProblem();
    Problem b = unknownEmail.toProblem();
    assertThat(a.status()).isEqualTo(401);
    assertThat(b).isEqualTo(a); // type, title, status, detail, and nothing else set
    assertThat(unknownEmail.headers()).isEqualTo(wrongPassword.headers());
  }

  @Test
  void signin_notVerified_is403OnlyWithTheRightPassword() {
    String email = IdentityServices.newEmail("unverified");
    s.emailAccounts.signup(email, PASSWORD, Optional.empty(), Optional.empty());

    ApiException wrong = refusal(() -> s.emailAccounts.signin(email, WRONG));
    ApiException right = refusal(() -> s.emailAccounts.signin(email, PASSWORD));

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.toProblem().type()).isEqualTo("/problems/invalid-credentials");
    assertThat(right.status()).isEqualTo(403);
    assertThat(right.toProblem().type()).isEqualTo("/problems/email-not-verified");
  }

  @Test
  void signin_succeedsOnEveryDevice_whenSignInsOfOneAccountRace() throws Exception {
    String email = verifiedAccount();
    int devices = 4;
    List<AtOnce.Outcome<SignedIn>> outcomes = AtOnce.run(devices, i -> () -> s.emailAccounts.signin(email, PASSWORD));
    assertThat(outcomes).as("concurrent sign-ins with the right password").allMatch(AtOnce.Outcome::succeeded);
  }

  // --- seed 001's texts ----------------------------------------------------------------------

  @Test
  void signup_policyViolations_carrySeed001MessageAndReason() {
    assertPolicy("Sh0rt!", "Password must be at least 8 characters");
    assertPolicy("alllowercase-but-long-1", "Password must have uppercase, lowercase, number, and symbol characters");
    assertPolicy("NoSymbolsHere123", "Password must have uppercase, lowercase, number, and symbol characters");
    assertPolicy("Password123!", "Password is too common");
    assertPolicy("X".repeat(120) + "a1!" + "bcdefgh", "Password must be at most 128 characters");
  }

  @Test
  void signup_passwordContainingTheEmailName_isRefused() {
    String email = "wombat" + System.nanoTime() + "@example.com";
    String name = email.substring(0, email.indexOf('@'));
    ApiException e = refusal(() -> s.emailAccounts.signup(email, "Zz9!" + name, Optional.empty(), Optional.empty()));

    assertThat(e.toProblem().reason()).isEqualTo("Password must not contain your email address");
  }

  @Test
  void signup_invalidEmail_carriesSeed001MessageAndReason() {
    ApiException e = refusal(() -> s.emailAccounts.signup("not-an-address", PASSWORD, Optional.empty(), Optional.empty()));

    Problem p = e.toProblem();
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.message()).isEqualTo("Invalid email address");
    assertThat(p.reason()).isEqualTo("Email must include an @ symbol and domain");
  }

  @Test
  void resetPassword_appliesThePolicy_withSeed001Texts() {
    String email = verifiedAccount();
    s.clock.advance(Duration.ofSeconds(61));
    s.emailAccounts.forgotPassword(email);
    String code = s.notifier.lastCode(email);

    ApiException e = refusal(() -> s.emailAccounts.resetPassword(email, code, "weak"));

    assertThat(e.toProblem().message()).isEqualTo("Password does not meet requirements");
    assertThat(e.toProblem().reason()).isEqualTo("Password must be at least 8 characters");
    assertThatCode(() -> s.emailAccounts.signin(email, PASSWORD)).as("old password unchanged").doesNotThrowAnyException();
  }

  @Test
  void signupConfirmThenForgotPassword_withinTheCooldown_sendsTheResetCode() {
    String email = verifiedAccount(); // a code was sent and used moments ago
    assertThatCode(() -> s.emailAccounts.forgotPassword(email)).doesNotThrowAnyException();
    assertThat(s.notifier.sentTo(email)).hasSize(2);
  }

  @Test
  void forgotPassword_twiceWithinTheCooldown_is429_forKnownAndUnknownAddressesAlike() {
    String known = verifiedAccount();
    String unknown = IdentityServices.newEmail("nobody");
    s.emailAccounts.forgotPassword(known);
    s.emailAccounts.forgotPassword(unknown);

    ApiException knownAgain = refusal(() -> s.emailAccounts.forgotPassword(known));
    ApiException unknownAgain = refusal(() -> s.emailAccounts.forgotPassword(unknown));

    assertThat(unknownAgain.status()).isEqualTo(knownAgain.status()).isEqualTo(429);
    assertThat(unknownAgain.headers()).isEqualTo(knownAgain.headers());
    assertThat(unknownAgain.getMessage()).isEqualTo(knownAgain.getMessage());
    assertThat(s.notifier.sentTo(unknown)).isEmpty();
  }

  // --- helpers -------------------------------------------------------------------------------

  private static String verifiedAccount() {
    String email = IdentityServices.newEmail("acct");
    s.emailAccounts.signup(email, PASSWORD, Optional.empty(), Optional.empty());
    s.emailAccounts.confirmEmail(email, s.notifier.lastCode(email), true);
    return email;
  }

  private static void failFiveTimes(String email) {
    for (int i = 1; i <= 5; i++) {
      ApiException e = refusal(() -> s.emailAccounts.signin(email, WRONG));
      assertThat(e.status()).as("wrong password %d", i).isEqualTo(401);
    }
  }

  private static void assertPolicy(String password, String reason) {
    ApiException e = refusal(() ->
        s.emailAccounts.signup(IdentityServices.newEmail("policy"), password, Optional.empty(), Optional.empty()));
    Problem p = e.toProblem();
    assertThat(p.status()).as(password).isEqualTo(400);
    assertThat(p.message()).as(password).isEqualTo("Password does not meet requirements");
    assertThat(p.reason()).as(password).isEqualTo(reason);
  }
}
