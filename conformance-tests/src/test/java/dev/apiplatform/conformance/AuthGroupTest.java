package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.Identities.PASSWORD;
import static dev.apiplatform.conformance.Identities.NEW_PASSWORD;
import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The auth group's operations, run unchanged against every target: phone sign-in with both seed
 * shapes (000 register/login/verify, 004 start/verify), Motion's email accounts (seed 001),
 * token refresh and logout, and the key documents. What a client may rely on whether it talks
 * to the server or to the mock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthGroupTest extends IdentityContract {

  /** Creates the accounts later tests send second codes to, so their minute starts now. */
  @BeforeAll
  static void seasonAccounts() {
    Seasoned.prepare();
  }


  // --- keys -------------------------------------------------------------------------------

  @Test
  void jwks_publishesPublicEcKeysWithIds() {
    JsonNode keys = ok(client().get("/.well-known/jwks.json"), 200).path("keys");
    assertThat(keys.size()).isPositive();
    keys.forEach(key -> {
      assertThat(key.path("kty").asText()).isEqualTo("EC");
      assertThat(key.path("kid").asText()).isNotBlank();
      assertThat(key.has("d")).as("a private key part in the published set").isFalse();
    });
  }

  @Test
  void openidConfiguration_pointsAtTheKeys() {
    JsonNode config = ok(client().get("/.well-known/openid-configuration"), 200);
    assertThat(config.path("issuer").asText()).isNotBlank();
    assertThat(config.path("jwks_uri").asText()).endsWith("/.well-known/jwks.json");
    assertThat(config.path("id_token_signing_alg_values_supported").toString()).contains("ES256");
  }

  // --- seed 004: start -> verify -------------------------------------------------------------

  @Test
  void start_thenVerifyWithTheSession_returnsBearerTokens() {
    String phone = Identities.phone();
    JsonNode started = ok(post("/auth/start", body("phone", phone)), 200);
    assertThat(started.path("session").asText()).isNotBlank();
    assertThat(started.path("phone").asText()).matches(E164);
    assertThat(started.path("dev_otp").asText()).matches("^[0-9]{6}$");

    JsonNode tokens = ok(post("/auth/verify",
        body("phone", phone, "otp", started.path("dev_otp").asText(), "session", started.path("session").asText())), 200);
    assertTokenResponse(tokens);
  }

  @Test
  void start_secondCodeWithinTheMinute_is429WithRetryAfter() {
    String phone = Identities.phone();
    ok(post("/auth/start", body("phone", phone)), 200);
    JsonNode problem = assertRateLimited(post("/auth/start", producing(429), body("phone", phone)));
    assertThat(problem.path("status").asInt()).isEqualTo(429);
  }

  @Test
  void start_numberThatCannotExist_is400() {
    // matches the E.164 pattern, but no US number starts with area code 000
    assertProblem(post("/auth/start", producing(400), body("phone", "+10005550123")), 400);
  }

  @Test
  void verify_wrongCode_is400_andTheRightCodeStillWorks() {
    String phone = Identities.phone();
    JsonNode started = ok(post("/auth/start", body("phone", phone)), 200);
    String otp = started.path("dev_otp").asText();
    String session = started.path("session").asText();
    assertProblem(post("/auth/verify", producing(400),
        body("phone", phone, "otp", Identities.wrongCode(otp), "session", session)), 400);
    assertTokenResponse(ok(post("/auth/verify", body("phone", phone, "otp", otp, "session", session)), 200));
  }

  @Test
  void verify_mixingTheTwoBodyShapes_is400() {
    assertProblem(post("/auth/verify", producing(400), body("phoneNumber", Identities.phone(), "otp", "123456")), 400);
  }

  @Test
  void verify_unknownMember_is400() {
    assertProblem(client().callBreakingContract("POST", "/auth/verify",
        merge(Map.of("Content-Type", "application/json"), producing(400)),
        body("phoneNumber", Identities.phone(), "code", "123456", "remember", true)), 400);
  }

  // --- seed 000: register/login -> verify {phoneNumber, code} ---------------------------------

  @Test
  void register_thenVerifyWithPhoneNumberAndCode_returnsTokens() {
    String phone = Identities.phone();
    JsonNode sent = ok(post("/auth/register", body("phoneNumber", phone)), 200);
    assertThat(sent.path("message").asText()).isNotBlank();
    assertThat(sent.path("phoneNumber").asText()).matches(E164);
    assertThat(sent.path("expires_in").asInt()).isPositive();
    assertTokenResponse(ok(post("/auth/verify",
        body("phoneNumber", phone, "code", sent.path("dev_code").asText())), 200));
  }

  @Test
  void register_secondCodeWithinTheMinute_is429WithRetryAfter() {
    String phone = Identities.phone();
    ok(post("/auth/register", body("phoneNumber", phone)), 200);
    assertRateLimited(post("/auth/register", producing(429), body("phoneNumber", phone)));
  }

  @Test
  void register_numberOfAnExistingUser_is409() {
    String phone = registerAndVerify();
    assertProblem(post("/auth/register", producing(409), body("phoneNumber", phone)), 409);
  }

  @Test
  void register_invalidNumber_is400() {
    assertProblem(post("/auth/register", producing(400), body("phoneNumber", "+10005550123")), 400);
  }

  @Test
  void login_unknownNumber_is404() {
    assertProblem(post("/auth/login", producing(404), body("phoneNumber", Identities.phone())), 404);
  }

  @Test
  void login_rightAfterRegisterAndVerify_sendsACode_theCooldownEndsWithTheUsedCode() {
    String phone = registerAndVerify();
    ok(post("/auth/login", body("phoneNumber", phone)), 200);
    assertRateLimited(post("/auth/login", producing(429), body("phoneNumber", phone)));
  }

  @Test
  void login_invalidNumber_is400() {
    assertProblem(post("/auth/login", producing(400), body("phoneNumber", "+10005550123")), 400);
  }

  @Test
  @Order(LAST)
  void login_registeredNumber_sendsACodeThatSignsIn() {
    Seasoned.PhoneUser user = phoneUserReadyForACode();
    JsonNode sent = ok(post("/auth/login", body("phoneNumber", user.phone())), 200);
    assertThat(sent.path("phoneNumber").asText()).matches(E164);
    assertThat(sent.path("expires_in").asInt()).isPositive();
    assertTokenResponse(ok(post("/auth/verify",
        body("phoneNumber", user.phone(), "code", sent.path("dev_code").asText())), 200));
  }

  // --- tokens -----------------------------------------------------------------------------

  @Test
  void refresh_rotates_andTheRetiredTokenIsRefused() {
    JsonNode first = phoneTokens();
    JsonNode second = ok(post("/auth/refresh", body("refresh_token", first.path("refresh_token").asText())), 200);
    assertTokenResponse(second);
    assertUnauthorized(post("/auth/refresh", producing(401),
        body("refresh_token", first.path("refresh_token").asText())), true);
  }

  @Test
  void refresh_unknownToken_is401() {
    assertUnauthorized(post("/auth/refresh", producing(401), body("refresh_token", "no-such-refresh-token")), true);
  }

  @Test
  void refresh_withoutAToken_is400() {
    assertProblem(client().callBreakingContract("POST", "/auth/refresh",
        merge(Map.of("Content-Type", "application/json"), producing(400)), "{}"), 400);
  }

  @Test
  void logout_is204_andTheSessionsTokensStopWorking() {
    JsonNode tokens = phoneTokens();
    String access = tokens.path("access_token").asText();
    ContractClient.Exchange out = client().call("POST", "/auth/logout", bearer(access), null);
    assertThat(out.status()).as(out.body()).isEqualTo(204);
    assertUnauthorized(client().call("POST", "/auth/logout", merge(bearer(access), producing(401)), null), true);
    assertUnauthorized(post("/auth/refresh", producing(401),
        body("refresh_token", tokens.path("refresh_token").asText())), true);
  }

  @Test
  void logout_withAnInvalidToken_is401WithChallenge() {
    assertUnauthorized(client().call("POST", "/auth/logout", merge(bearer("not.a.token"), producing(401)), null), true);
  }

  // --- seed 001: Motion email accounts ------------------------------------------------------

  @Test
  void signup_is201_withUserIdAndEmail() {
    String email = Identities.email("motion");
    JsonNode created = ok(post("/auth/signup", body("email", email, "password", PASSWORD)), 201);
    assertThat(created.path("message").asText()).isEqualTo("Verification code sent");
    assertThat(created.path("userId").asText()).isNotBlank();
    assertThat(created.path("email").asText()).contains("@");
  }

  @Test
  void signup_weakPassword_is400WithMessageAndReason() {
    JsonNode problem = assertProblem(post("/auth/signup", producing(400),
        body("email", Identities.email("motion"), "password", "lowercase-only-1")), 400);
    assertThat(problem.path("message").asText()).isEqualTo("Password does not meet requirements");
    assertThat(problem.path("reason").asText())
        .isEqualTo("Password must have uppercase, lowercase, number, and symbol characters");
  }

  @Test
  void signup_takenEmail_is409() {
    String email = Identities.email("motion");
    ok(post("/auth/signup", body("email", email, "password", PASSWORD)), 201);
    assertProblem(post("/auth/signup", producing(409), body("email", email, "password", PASSWORD)), 409);
  }

  @Test
  void signin_beforeConfirming_is403() {
    String email = Identities.email("motion");
    ok(post("/auth/signup", body("email", email, "password", PASSWORD)), 201);
    assertProblem(post("/auth/signin", producing(403), body("email", email, "password", PASSWORD)), 403);
  }

  @Test
  void confirmSignup_wrongCode_is400() {
    String email = Identities.email("motion");
    String code = ok(post("/auth/signup", body("email", email, "password", PASSWORD)), 201).path("dev_code").asText();
    assertProblem(post("/auth/confirm-signup", producing(400), body("email", email, "code", Identities.wrongCode(code))), 400);
  }

  @Test
  void confirmSignup_unknownEmail_is404() {
    assertProblem(post("/auth/confirm-signup", producing(404),
        body("email", Identities.email("nobody"), "code", "123456")), 404);
  }

  @Test
  void confirmSignup_thenSignin_returnsTokensAndTheUser() {
    String email = Identities.email("motion");
    JsonNode created = ok(post("/auth/signup", body("email", email, "password", PASSWORD)), 201);
    JsonNode confirmed = ok(post("/auth/confirm-signup", body("email", email, "code", created.path("dev_code").asText())), 200);
    assertThat(confirmed.path("message").asText()).isNotBlank();

    JsonNode signedIn = ok(post("/auth/signin", body("email", email, "password", PASSWORD)), 200);
    assertJwt(signedIn.path("accessToken").asText());
    assertJwt(signedIn.path("idToken").asText());
    assertThat(signedIn.path("refreshToken").asText()).isNotBlank();
    assertThat(signedIn.path("expiresIn").asInt()).isPositive();
    assertThat(signedIn.path("tokenType").asText()).isEqualTo("Bearer");
    assertThat(signedIn.path("user").path("email").asText()).contains("@");
    assertThat(signedIn.path("user").path("userId").asText()).isNotBlank();
    assertThat(signedIn.path("user").path("savedEvents").isArray()).isTrue();
  }

  @Test
  void signin_wrongPassword_is401_exactlyLikeAnUnknownEmail() {
    String email = confirmedEmailAccount();
    JsonNode wrong = assertProblem(post("/auth/signin", producing(401), body("email", email, "password", NEW_PASSWORD)), 401);
    JsonNode unknown = assertProblem(post("/auth/signin", producing(401),
        body("email", Identities.email("nobody"), "password", NEW_PASSWORD)), 401);
    assertThat(unknown.path("type")).isEqualTo(wrong.path("type"));
    assertThat(unknown.path("title")).isEqualTo(wrong.path("title"));
    assertThat(unknown.path("detail")).isEqualTo(wrong.path("detail"));
  }

  @Test
  void signin_afterFiveWrongPasswords_is429WithRetryAfter_evenWithTheRightOne() {
    String email = confirmedEmailAccount();
    for (int i = 0; i < 5; i++) {
      assertProblem(post("/auth/signin", producing(401), body("email", email, "password", NEW_PASSWORD)), 401);
    }
    assertRateLimited(post("/auth/signin", producing(429), body("email", email, "password", PASSWORD)));
  }

  @Test
  void signin_addressTheServerCannotUse_is400() {
    // valid for the contract's `format: email`, refused by the server's stricter parser (no dot in the domain)
    assertProblem(post("/auth/signin", producing(400), body("email", "jane@localhost", "password", PASSWORD)), 400);
  }

  @Test
  void forgotPassword_unknownEmail_isTheSame200() {
    // that it is the very same answer as for a real account is checked on the server (IdentityFlowsTest)
    JsonNode answer = ok(post("/auth/forgot-password", body("email", Identities.email("nobody"))), 200);
    assertThat(answer.path("message").asText()).isNotBlank();
  }

  @Test
  void forgotPassword_rightAfterSignup_isSent_andTwiceWithinTheCooldown_is429() {
    String email = Identities.email("motion");
    ok(post("/auth/signup", body("email", email, "password", PASSWORD)), 201);
    ok(post("/auth/forgot-password", body("email", email)), 200);
    assertRateLimited(post("/auth/forgot-password", producing(429), body("email", email)));
  }

  @Test
  void forgotPassword_unusableAddress_is400() {
    assertProblem(post("/auth/forgot-password", producing(400), body("email", "jane@localhost")), 400);
  }

  @Test
  void confirmForgotPassword_wrongCode_is400() {
    assertProblem(post("/auth/confirm-forgot-password", producing(400),
        body("email", Identities.email("nobody"), "code", "123456", "newPassword", NEW_PASSWORD)), 400);
  }

  @Test
  void confirmForgotPassword_weakNewPassword_is400WithMessageAndReason() {
    JsonNode problem = assertProblem(post("/auth/confirm-forgot-password", producing(400),
        body("email", Identities.email("motion"), "code", "123456", "newPassword", "Short1!")), 400);
    assertThat(problem.path("message").asText()).isEqualTo("Password does not meet requirements");
    assertThat(problem.path("reason").asText()).isNotBlank();
  }

  @Test
  @Order(LAST)
  void forgotPassword_thenConfirmWithTheCode_setsTheNewPassword() {
    Seasoned.EmailUser user = confirmedUserReadyForACode();
    JsonNode sent = ok(post("/auth/forgot-password", body("email", user.email())), 200);
    assertThat(sent.path("message").asText()).isNotBlank();
    JsonNode updated = ok(post("/auth/confirm-forgot-password",
        body("email", user.email(), "code", sent.path("dev_code").asText(), "newPassword", NEW_PASSWORD)), 200);
    assertThat(updated.path("message").asText()).isNotBlank();
    ok(post("/auth/signin", body("email", user.email(), "password", NEW_PASSWORD)), 200);
    assertProblem(post("/auth/signin", producing(401), body("email", user.email(), "password", PASSWORD)), 401);
  }

  // --- HTTP layer -------------------------------------------------------------------------

  @Test
  void everyBodyOperation_refusesNonJsonWith415_andOversizedBodiesWith413() {
    everyBodyOperation_refusesNonJsonAndOversizedBodies("/auth/");
  }

  // --- helpers ----------------------------------------------------------------------------

  static void assertTokenResponse(JsonNode tokens) {
    assertJwt(tokens.path("access_token").asText());
    assertJwt(tokens.path("id_token").asText());
    assertThat(tokens.path("refresh_token").asText()).isNotBlank();
    assertThat(tokens.path("expires_in").asInt()).isPositive();
    assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");
  }

  /** A new phone user (seed 000 register + verify); returns its number. */
  String registerAndVerify() {
    String phone = Identities.phone();
    JsonNode sent = ok(post("/auth/register", body("phoneNumber", phone)), 200);
    ok(post("/auth/verify", body("phoneNumber", phone, "code", sent.path("dev_code").asText())), 200);
    return phone;
  }

  /** Tokens of a new session (seed 004 start + verify). */
  JsonNode phoneTokens() {
    String phone = Identities.phone();
    JsonNode started = ok(post("/auth/start", body("phone", phone)), 200);
    return ok(post("/auth/verify", body("phone", phone, "otp", started.path("dev_otp").asText(),
        "session", started.path("session").asText())), 200);
  }

  /** A new, confirmed Motion account with {@link Identities#PASSWORD}; returns its address. */
  String confirmedEmailAccount() {
    String email = Identities.email("motion");
    JsonNode created = ok(post("/auth/signup", body("email", email, "password", PASSWORD)), 201);
    ok(post("/auth/confirm-signup", body("email", email, "code", created.path("dev_code").asText())), 200);
    return email;
  }
}
