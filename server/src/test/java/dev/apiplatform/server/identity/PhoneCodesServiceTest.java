package dev.apiplatform.server.identity;

import static dev.apiplatform.server.identity.IdentityServices.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.identity.PhoneSignIn;
import dev.apiplatform.server.identity.Sessions.SessionTokens;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code OneTimeCodes} through {@code PhoneSignIn}, on DynamoDB Local: codes are read from the
 * recorded SMS, never echoed. Every test uses its own phone number, so tests share the fixture
 * (and its clock, which only moves forward).
 */
class PhoneCodesServiceTest extends IdentityServicesTestBase {

  private static final Duration RESEND = Duration.ofSeconds(60);

  // --- single use and binding ---------------------------------------------------------------

  @Test
  void verify_acceptsCodeOnce_andRefusesItsReplay() {
    String phone = IdentityServices.newPhone();
    s.phoneSignIn.register(phone);
    String code = s.notifier.lastCode(phone);

    SessionTokens tokens = s.phoneSignIn.verifyCode(phone, code);

    assertThat(tokens.accessToken()).isNotBlank();
    assertInvalidCode(() -> s.phoneSignIn.verifyCode(phone, code));
  }

  @Test
  void verify_refusesCode_sentToAnotherNumber() {
    String mine = IdentityServices.newPhone();
    String other = IdentityServices.newPhone();
    s.phoneSignIn.register(mine);
    s.phoneSignIn.register(other);
    String myCode = s.notifier.lastCode(mine);
    assumeThat(myCode).isNotEqualTo(s.notifier.lastCode(other)); // 1 in 10^6

    assertInvalidCode(() -> s.phoneSignIn.verifyCode(other, myCode));
    assertThatCode(() -> s.phoneSignIn.verifyCode(mine, myCode)).doesNotThrowAnyException();
  }

  @Test
  void verifySession_refusesCode_boundToAnotherStartSession() {
    String phone = IdentityServices.newPhone();
    PhoneSignIn.Started first = s.phoneSignIn.start(phone);
    String firstCode = s.notifier.lastCode(phone);
    s.clock.advance(RESEND.plusSeconds(1));
    PhoneSignIn.Started second = s.phoneSignIn.start(phone);
    assumeThat(s.notifier.lastCode(phone)).isNotEqualTo(firstCode);

    assertThat(first.devOtp()).isEmpty(); // echoCodes=false
    assertInvalidCode(() -> s.phoneSignIn.verifySession(phone, firstCode, second.session()));
    assertInvalidCode(() -> s.phoneSignIn.verifySession(phone, firstCode, "a-session-nobody-started"));
    assertThatCode(() -> s.phoneSignIn.verifySession(phone, firstCode, first.session())).doesNotThrowAnyException();
  }

  @Test
  void verifyCode_refusesCode_issuedByStart() {
    String phone = IdentityServices.newPhone();
    s.phoneSignIn.start(phone);
    String code = s.notifier.lastCode(phone);

    assertInvalidCode(() -> s.phoneSignIn.verifyCode(phone, code));
  }

  // --- attempts and expiry -------------------------------------------------------------------

  @Test
  void verify_refusesRightCode_afterFiveWrongAttempts() {
    String phone = IdentityServices.newPhone();
    s.phoneSignIn.register(phone);
    String code = s.notifier.lastCode(phone);

    for (int i = 0; i < 5; i++) {
      assertInvalidCode(() -> s.phoneSignIn.verifyCode(phone, wrong(code)));
    }

    assertInvalidCode(() -> s.phoneSignIn.verifyCode(phone, code));
  }

  @Test
  void verify_acceptsRightCode_afterFourWrongAttempts() {
    String phone = IdentityServices.newPhone();
    s.phoneSignIn.register(phone);
    String code = s.notifier.lastCode(phone);

    for (int i = 0; i < 4; i++) {
      assertInvalidCode(() -> s.phoneSignIn.verifyCode(phone, wrong(code)));
    }

    assertThatCode(() -> s.phoneSignIn.verifyCode(phone, code)).doesNotThrowAnyException();
  }

  @Test
  void verify_refusesCode_oncePastItsTtl() {
    String phone = IdentityServices.newPhone();
    s.phoneSignIn.register(phone);
    String code = s.notifier.lastCode(phone);

    s.clock.advance(s.settings.smsCodeTtl().plusSeconds(1));

    assertInvalidCode(() -> s.phoneSignIn.verifyCode(phone, code));
  }

  @Test
  void verify_acceptsCode_justBeforeItsTtl() {
    String phone = IdentityServices.newPhone();
    s.phoneSignIn.register(phone);
    String code = s.notifier.lastCode(phone);

    s.clock.advance(s.settings.smsCodeTtl().minusSeconds(1));

    assertThatCode(() -> s.phoneSignIn.verifyCode(phone, code)).doesNotThrowAnyException();
  }

  @Test
  void issue_newCodeKillsThePreviousOne() {
    String phone = IdentityServices.newPhone();
    s.phoneSignIn.register(phone);
    String old = s.notifier.lastCode(phone);
    s.clock.advance(RESEND.plusSeconds(1));
    s.phoneSignIn.register(phone);
    String fresh = s.notifier.lastCode(phone);
    assumeThat(fresh).isNotEqualTo(old);

    assertInvalidCode(() -> s.phoneSignIn.verifyCode(phone, old));
    assertThatCode(() -> s.phoneSignIn.verifyCode(phone, fresh)).doesNotThrowAnyException();
  }

  // --- send limits ---------------------------------------------------------------------------

  @Test
  void issue_refusesSecondCodeToOneNumber_within60s_withRetryAfterOfTheRemainingSeconds() {
    String phone = IdentityServices.newPhone();
    s.phoneSignIn.register(phone);
    s.clock.advance(Duration.ofSeconds(20));

    ApiException refused = refusal(() -> s.phoneSignIn.register(phone));

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.headers()).containsEntry("Retry-After", "40");
    assertThat(s.notifier.sentTo(phone)).hasSize(1);
    // the first code is still good
    assertThatCode(() -> s.phoneSignIn.verifyCode(phone, s.notifier.lastCode(phone))).doesNotThrowAnyException();
  }

  @Test
  void registerVerifyThenLogin_withinTheCooldown_sendsTheLoginCode() {
    String phone = IdentityServices.newPhone();
    s.phoneSignIn.register(phone);
    s.phoneSignIn.verifyCode(phone, s.notifier.lastCode(phone));

    assertThatCode(() -> s.phoneSignIn.login(phone)).as("the code the cooldown guarded is used").doesNotThrowAnyException();
    assertThat(s.notifier.sentTo(phone)).hasSize(2);
  }

  @Test
  void issue_allowsNextCode_onceTheResendIntervalHasPassed() {
    String phone = IdentityServices.newPhone();
    s.phoneSignIn.start(phone);
    s.clock.advance(RESEND);

    assertThatCode(() -> s.phoneSignIn.start(phone)).doesNotThrowAnyException();
    assertThat(s.notifier.sentTo(phone)).hasSize(2);
  }

  @Test
  void issue_refusesSixthCodeToOneNumber_withinAnHour() {
    s.clock.advanceToNextHour(); // the limit counts per clock hour
    String phone = IdentityServices.newPhone();
    for (int i = 0; i < 5; i++) {
      assertThatCode(() -> s.phoneSignIn.start(phone)).as("code %d of the hour", i + 1).doesNotThrowAnyException();
      s.clock.advance(RESEND.plusSeconds(1));
    }

    ApiException refused = refusal(() -> s.phoneSignIn.start(phone));

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.headers()).containsEntry("Retry-After", Long.toString(3600 - 5 * 61));
    assertThat(s.notifier.sentTo(phone)).hasSize(5);
  }

  // --- storage -------------------------------------------------------------------------------

  @Test
  void storedCode_isAKeyedHash_notTheCode() {
    String phone = IdentityServices.newPhone();
    s.phoneSignIn.register(phone);
    String code = s.notifier.lastCode(phone);

    Map<String, AttributeValue> item = s.dynamo.getItem(r -> r.tableName(s.table(StorageDefinitions.CODES_TABLE))
        .key(Map.of("code_key", AttributeValue.fromS("SMS_SIGNIN#" + phone))).consistentRead(true)).item();

    assertThat(item).as("the Codes item of " + phone).isNotEmpty().containsKey("code_hash");
    assertThat(item.get("code_hash").s()).hasSizeGreaterThanOrEqualTo(43); // 256-bit HMAC, base64url
    item.forEach((name, value) -> assertThat(value.toString()).as("attribute " + name).doesNotContain(code));
  }

  // --- helpers -------------------------------------------------------------------------------

  private static String wrong(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  private static void assertInvalidCode(ThrowingCallable call) {
    ApiException e = refusal(call);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.toProblem().type()).isEqualTo("/problems/invalid-code");
  }
}
