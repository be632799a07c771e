package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.LAST;
import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertRateLimited;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.NEW_PASSWORD;
import static dev.apiplatform.conformance.Identities.PASSWORD;
import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;
import static dev.apiplatform.conformance.Identities.claims;
import static dev.apiplatform.conformance.Identities.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.apiplatform.local.LocalPlatform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The identity behaviours the seeds require, end to end through the running server: every
 * exchange is still validated against the contract and counted for the server's coverage.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityFlowsTest {

  private static final Map<String, String> NONE = Map.of();
  private final ContractClient server = Targets.client(Targets.SERVER);

  @BeforeAll
  static void seasonAccounts() {
    Seasoned.prepare();
  }

  // --- seed 004 ---------------------------------------------------------------------------

  /** The seed's passwordless runbook, verbatim: start -> verify -> protected call -> refresh -> healthz. */
  @Test
  void seed004_runbook_startVerifyCallRefreshHealthz() {
    String phone = Identities.indianMobile();
    Map<String, String> contentType = Map.of("content-type", "application/json");

    // 1) Start login
    ContractClient.Exchange start = server.call("POST", "/auth/start", contentType, "{\"phone\":\"" + phone + "\"}");
    JsonNode started = ok(start, 200);
    assertThat(fieldNames(started)).containsExactlyInAnyOrder("session", "phone", "dev_otp");
    assertThat(started.path("phone").asText()).isEqualTo(phone);
    String session = started.path("session").asText();
    String otp = started.path("dev_otp").asText();
    assertThat(otp).matches("^[0-9]{6}$");

    // 2) Verify OTP and receive tokens
    JsonNode tokens = ok(server.call("POST", "/auth/verify", contentType,
        "{\"phone\":\"" + phone + "\",\"otp\":\"" + otp + "\",\"session\":\"" + session + "\"}"), 200);
    assertThat(fieldNames(tokens)).containsExactlyInAnyOrder("access_token", "id_token", "refresh_token", "expires_in", "token_type");
    assertThat(tokens.path("expires_in").asInt()).isEqualTo(3600);
    assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");

    // 3) Call a protected endpoint
    String access = tokens.path("access_token").asText();
    JsonNode me = ok(server.get("/api/v1/auth/me", bearer(access)), 200);
    assertThat(me.path("phone_number").asText()).isEqualTo(phone);
    assertThat(me.path("user_id").asText()).isEqualTo(claims(access).path("sub").asText());

    // 4) Refresh tokens: new ones, and the presented refresh token is retired
    String refresh = tokens.path("refresh_token").asText();
    JsonNode refreshed = ok(server.call("POST", "/auth/refresh", contentType, "{\"refresh_token\":\"" + refresh + "\"}"), 200);
    assertThat(refreshed.path("access_token").asText()).isNotEqualTo(access);
    assertThat(refreshed.path("refresh_token").asText()).isNotEqualTo(refresh);
    assertThat(refreshed.path("expires_in").asInt()).isEqualTo(3600);
    ok(server.get("/api/v1/auth/me", bearer(refreshed.path("access_token").asText())), 200);
    assertUnauthorized(server.call("POST", "/auth/refresh", contentType, "{\"refresh_token\":\"" + refresh + "\"}"), true);

    // 5) Public health check
    assertThat(ok(server.get("/healthz"), 200).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void accessToken_isAnEs256JwtSignedByAPublishedKey() throws Exception {
    String access = startAndVerify(Identities.phone()).path("access_token").asText();
    JWKSet keys = JWKSet.parse(server.get("/.well-known/jwks.json").body());
    JsonNode discovery = ok(server.get("/.well-known/openid-configuration"), 200);
    JWSObject jws = JWSObject.parse(access);
    assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    ECKey key = (ECKey) keys.getKeyByKeyId(jws.getHeader().getKeyID());
    assertThat(key).as("the token's kid is in the published set").isNotNull();
    assertThat(jws.verify(new ECDSAVerifier(key.toECPublicKey()))).isTrue();
    assertThat(claims(access).path("iss").asText()).isEqualTo(discovery.path("issuer").asText());
  }

  // --- seed 000 ---------------------------------------------------------------------------

  @Test
  void seed000_register_verify_thenRegisterAgainIs409_andUnknownLoginIs404() {
    String phone = Identities.phone();
    JsonNode sent = ok(server.post("/auth/register", NONE, body("phoneNumber", phone)), 200);
    assertThat(sent.path("phoneNumber").asText()).isEqualTo(phone);
    assertThat(sent.path("expires_in").asInt()).isEqualTo(300);
    JsonNode tokens = ok(server.post("/auth/verify", NONE, body("phoneNumber", phone, "code", sent.path("dev_code").asText())), 200);
    assertThat(claims(tokens.path("id_token").asText()).path("phone_number").asText()).isEqualTo(phone);

    JsonNode conflict = assertProblem(server.post("/auth/register", NONE, body("phoneNumber", phone)), 409);
    assertThat(conflict.path("detail").asText()).doesNotContain(phone);
    assertProblem(server.post("/auth/login", NONE, body("phoneNumber", Identities.phone())), 404);
  }

  @Test
  @Order(LAST)
  void seed000_loginThenVerify_signsInTheRegisteredUser() {
    Seasoned.PhoneUser user = Seasoned.phoneUser();
    JsonNode sent = ok(server.post("/auth/login", NONE, body("phoneNumber", user.phone())), 200);
    JsonNode tokens = ok(server.post("/auth/verify", NONE,
        body("phoneNumber", user.phone(), "code", sent.path("dev_code").asText())), 200);
    assertThat(claims(tokens.path("access_token").asText()).path("sub").asText()).isEqualTo(user.userId());
  }

  @Test
  @Order(LAST)
  void samePerson_viaRegisterAndViaStart_isOneUser() {
    Seasoned.PhoneUser user = Seasoned.phoneUser(); // created by /auth/register + /auth/verify
    JsonNode tokens = startAndVerify(user.phone());
    String access = tokens.path("access_token").asText();
    assertThat(claims(access).path("sub").asText()).isEqualTo(user.userId());
    JsonNode me = ok(server.get("/api/v1/auth/me", bearer(access)), 200);
    assertThat(me.path("user_id").asText()).isEqualTo(user.userId());
    assertThat(me.path("phone_number").asText()).isEqualTo(user.phone());
  }

  // --- codes ------------------------------------------------------------------------------

  @Test
  void code_isSingleUse() {
    String phone = Identities.phone();
    String code = json(server.post("/auth/register", NONE, body("phoneNumber", phone))).path("dev_code").asText();
    ok(server.post("/auth/verify", NONE, body("phoneNumber", phone, "code", code)), 200);
    JsonNode replay = assertProblem(server.post("/auth/verify", NONE, body("phoneNumber", phone, "code", code)), 400);
    assertThat(replay.path("type").asText()).isEqualTo("/problems/invalid-code");
  }

  @Test
  void code_forAnotherNumber_isRefused() {
    String first = Identities.phone();
    String second = Identities.phone();
    String firstCode = json(server.post("/auth/register", NONE, body("phoneNumber", first))).path("dev_code").asText();
    String secondCode = json(server.post("/auth/register", NONE, body("phoneNumber", second))).path("dev_code").asText();
    org.junit.jupiter.api.Assumptions.assumeFalse(firstCode.equals(secondCode), "the two random codes collided");
    assertProblem(server.post("/auth/verify", NONE, body("phoneNumber", second, "code", firstCode)), 400);
    ok(server.post("/auth/verify", NONE, body("phoneNumber", second, "code", secondCode)), 200);
    ok(server.post("/auth/verify", NONE, body("phoneNumber", first, "code", firstCode)), 200);
  }

  @Test
  void code_boundToAnotherSession_isRefused() {
    String phone = Identities.phone();
    JsonNode mine = ok(server.post("/auth/start", NONE, body("phone", phone)), 200);
    JsonNode other = ok(server.post("/auth/start", NONE, body("phone", Identities.phone())), 200);
    String otp = mine.path("dev_otp").asText();
    assertProblem(server.post("/auth/verify", NONE,
        body("phone", phone, "otp", otp, "session", other.path("session").asText())), 400);
    assertProblem(server.post("/auth/verify", NONE, body("phone", phone, "otp", otp, "session", "made-up-session")), 400);
    // a start code is not a register/login code either
    assertProblem(server.post("/auth/verify", NONE, body("phoneNumber", phone, "code", otp)), 400);
    ok(server.post("/auth/verify", NONE, body("phone", phone, "otp", otp, "session", mine.path("session").asText())), 200);
  }

  @Test
  void code_afterFiveWrongAttempts_isDeadEvenWhenRight() {
    String phone = Identities.phone();
    JsonNode started = ok(server.post("/auth/start", NONE, body("phone", phone)), 200);
    String otp = started.path("dev_otp").asText();
    String session = started.path("session").asText();
    for (int i = 0; i < 5; i++) {
      assertProblem(server.post("/auth/verify", NONE,
          body("phone", phone, "otp", Identities.wrongCode(otp), "session", session)), 400);
    }
    assertProblem(server.post("/auth/verify", NONE, body("phone", phone, "otp", otp, "session", session)), 400);
  }

  // --- seed 001 ---------------------------------------------------------------------------

  @Test
  void seed001_signup_400BodiesCarryMessageAndReason_and409ForATakenEmail() {
    JsonNode badEmail = assertProblem(server.post("/auth/signup", NONE,
        body("email", "jane@localhost", "password", PASSWORD)), 400);
    assertThat(badEmail.path("message").asText()).isEqualTo("Invalid email address");
    assertThat(badEmail.path("reason").asText()).isEqualTo("Email must include an @ symbol and domain");

    JsonNode weak = assertProblem(server.post("/auth/signup", NONE,
        body("email", Identities.email("motion"), "password", "lowercase-only-1")), 400);
    assertThat(weak.path("message").asText()).isEqualTo("Password does not meet requirements");
    assertThat(weak.path("reason").asText()).isEqualTo("Password must have uppercase, lowercase, number, and symbol characters");

    JsonNode common = assertProblem(server.post("/auth/signup", NONE,
        body("email", Identities.email("motion"), "password", "P@ssw0rd123")), 400);
    assertThat(common.path("message").asText()).isEqualTo("Password does not meet requirements");
    assertThat(common.path("reason").asText()).isNotBlank();

    String email = Identities.email("motion");
    ok(server.post("/auth/signup", NONE, body("email", email, "password", PASSWORD)), 201);
    assertProblem(server.post("/auth/signup", NONE, body("email", email.toUpperCase(), "password", PASSWORD)), 409);
  }

  @Test
  void seed001_signup_confirm_signin_withTheSeedsFieldNames() {
    String email = Identities.email("motion");
    JsonNode created = ok(server.post("/auth/signup", NONE, body("email", email, "password", PASSWORD)), 201);
    assertThat(created.path("message").asText()).isEqualTo("Verification code sent");
    assertThat(created.path("email").asText()).isEqualTo(email);
    String userId = created.path("userId").asText();
    String code = created.path("dev_code").asText();

    assertProblem(server.post("/auth/signin", NONE, body("email", email, "password", PASSWORD)), 403);
    assertProblem(server.post("/auth/confirm-signup", NONE, body("email", email, "code", Identities.wrongCode(code))), 400);
    assertProblem(server.post("/auth/confirm-signup", NONE, body("email", Identities.email("nobody"), "code", code)), 404);
    JsonNode confirmed = ok(server.post("/auth/confirm-signup", NONE, body("email", email, "code", code)), 200);
    assertThat(confirmed.path("message").asText()).isEqualTo("Account verified successfully");

    JsonNode signedIn = ok(server.post("/auth/signin", NONE, body("email", email, "password", PASSWORD)), 200);
    assertThat(fieldNames(signedIn)).containsExactlyInAnyOrder("accessToken", "idToken", "refreshToken", "expiresIn", "tokenType", "user");
    assertThat(signedIn.path("expiresIn").asInt()).isEqualTo(3600);
    assertThat(signedIn.path("tokenType").asText()).isEqualTo("Bearer");
    assertThat(fieldNames(signedIn.path("user"))).containsExactlyInAnyOrder("email", "userId", "savedEvents");
    assertThat(signedIn.path("user").path("email").asText()).isEqualTo(email);
    assertThat(signedIn.path("user").path("userId").asText()).isEqualTo(userId);
    assertThat(signedIn.path("user").path("savedEvents").isArray()).isTrue();
    assertThat(claims(signedIn.path("accessToken").asText()).path("sub").asText()).isEqualTo(userId);
    ok(server.get("/api/v1/auth/me", bearer(signedIn.path("accessToken").asText())), 200);
  }

  @Test
  void seed001_wrongPassword_is401_identicalForAnUnknownEmail() {
    String email = confirmedMotionAccount();
    ContractClient.Exchange wrong = server.post("/auth/signin", NONE, body("email", email, "password", NEW_PASSWORD));
    ContractClient.Exchange unknown = server.post("/auth/signin", NONE,
        body("email", Identities.email("nobody"), "password", NEW_PASSWORD));
    assertProblem(wrong, 401);
    assertProblem(unknown, 401);
    assertThat(json(unknown)).isEqualTo(json(wrong));
  }

  @Test
  void seed001_fiveWrongPasswords_thenTheAccountAnswers429WithRetryAfter() {
    String email = confirmedMotionAccount();
    for (int i = 0; i < 5; i++) {
      assertProblem(server.post("/auth/signin", NONE, body("email", email, "password", NEW_PASSWORD)), 401);
    }
    ContractClient.Exchange locked = server.post("/auth/signin", NONE, body("email", email, "password", PASSWORD));
    assertRateLimited(locked);
    assertThat(Long.parseLong(locked.header("Retry-After").orElseThrow())).isBetween(1L, 30L);
  }

  @Test
  @Order(LAST)
  void seed001_passwordReset_sameAnswerForUnknownEmail_andEveryOldSessionEnds() {
    Seasoned.EmailUser user = Seasoned.confirmedEmailUser();
    JsonNode first = ok(server.post("/auth/signin", NONE, body("email", user.email(), "password", user.password())), 200);
    JsonNode second = ok(server.post("/auth/signin", NONE, body("email", user.email(), "password", user.password())), 200);

    JsonNode forUnknown = ok(server.post("/auth/forgot-password", NONE, body("email", Identities.email("nobody"))), 200);
    JsonNode forUser = ok(server.post("/auth/forgot-password", NONE, body("email", user.email())), 200);
    assertThat(forUnknown.has("dev_code")).as("no code for an unknown address").isFalse();
    String code = forUser.path("dev_code").asText();
    ((com.fasterxml.jackson.databind.node.ObjectNode) forUser).remove("dev_code"); // dev stage only
    assertThat(forUser).as("the same answer whether or not the account exists").isEqualTo(forUnknown);
    assertThat(forUnknown.path("message").asText()).isEqualTo("If an account exists, a reset code has been sent");

    assertProblem(server.post("/auth/confirm-forgot-password", NONE,
        body("email", user.email(), "code", Identities.wrongCode(code), "newPassword", NEW_PASSWORD)), 400);
    JsonNode updated = ok(server.post("/auth/confirm-forgot-password", NONE,
        body("email", user.email(), "code", code, "newPassword", NEW_PASSWORD)), 200);
    assertThat(updated.path("message").asText()).isEqualTo("Password updated successfully");

    for (JsonNode session : List.of(first, second)) {
      assertUnauthorized(server.get("/api/v1/auth/me", bearer(session.path("accessToken").asText())), true);
      assertUnauthorized(server.post("/auth/refresh", NONE, body("refresh_token", session.path("refreshToken").asText())), true);
    }
    assertProblem(server.post("/auth/signin", NONE, body("email", user.email(), "password", user.password())), 401);
    ok(server.post("/auth/signin", NONE, body("email", user.email(), "password", NEW_PASSWORD)), 200);
  }

  // --- seed 003 ---------------------------------------------------------------------------

  @Test
  void seed003_register_confirm_login_me_update_logout() {
    String email = Identities.email("clarity");
    JsonNode registered = ok(server.post("/api/v1/auth/register", NONE,
        body("email", email, "password", PASSWORD, "first_name", "Ada", "last_name", "Lovelace")), 202);
    assertThat(registered.path("email").asText()).isEqualTo(email);
    assertThat(registered.path("status").asText()).isEqualTo("pending_confirmation");
    assertThat(registered.has("access_token") || registered.has("tokens")).as("no tokens before confirmation").isFalse();
    String userId = registered.path("user_id").asText();

    assertProblem(server.post("/api/v1/auth/login", NONE, body("email", email, "password", PASSWORD)), 403);
    ok(server.post("/api/v1/auth/confirm-email", NONE, body("email", email, "code", registered.path("dev_code").asText())), 200);
    JsonNode login = ok(server.post("/api/v1/auth/login", NONE, body("email", email, "password", PASSWORD)), 200);
    assertThat(login.path("user").path("user_id").asText()).isEqualTo(userId);
    String access = login.path("tokens").path("access_token").asText();
    String refresh = login.path("tokens").path("refresh_token").asText();

    JsonNode me = ok(server.get("/api/v1/auth/me", bearer(access)), 200);
    assertThat(me.path("user_id").asText()).isEqualTo(userId);
    assertThat(me.path("email").asText()).isEqualTo(email);
    assertThat(me.path("first_name").asText()).isEqualTo("Ada");
    assertThat(me.path("last_name").asText()).isEqualTo("Lovelace");
    assertThat(me.path("role").asText()).isEqualTo("PATIENT");
    assertThat(me.path("is_verified").asBoolean()).isTrue();
    assertThat(me.path("is_active").asBoolean()).isTrue();

    Map<String, String> auth = merge(bearer(access), Map.of("Content-Type", "application/json"));
    JsonNode updated = ok(server.call("PUT", "/api/v1/auth/me", auth, body("first_name", "Grace")), 200);
    assertThat(updated.path("first_name").asText()).isEqualTo("Grace");
    assertThat(updated.path("last_name").asText()).isEqualTo("Lovelace");
    assertThat(updated.path("display_name").asText()).isEqualTo("Grace Lovelace");

    Map<String, Object> forbidden = new LinkedHashMap<>();
    forbidden.put("role", "ADMIN");
    forbidden.put("user_id", "someone-else");
    forbidden.put("is_verified", false);
    forbidden.forEach((field, value) -> assertProblem(server.callBreakingContract("PUT", "/api/v1/auth/me", auth,
        body("first_name", "Mallory", field, value)), 400));
    // minProperties: 1 (an empty update was a silent 200), and no null to "clear" a name
    assertProblem(server.callBreakingContract("PUT", "/api/v1/auth/me", auth, "{}"), 400);
    assertProblem(server.callBreakingContract("PUT", "/api/v1/auth/me", auth, "{\"last_name\":null}"), 400);
    JsonNode unchanged = ok(server.get("/api/v1/auth/me", bearer(access)), 200);
    assertThat(unchanged.path("first_name").asText()).isEqualTo("Grace");
    assertThat(unchanged.path("role").asText()).isEqualTo("PATIENT");
    assertThat(unchanged.path("user_id").asText()).isEqualTo(userId);
    assertThat(unchanged.path("is_verified").asBoolean()).isTrue();

    ok(server.call("POST", "/api/v1/auth/logout", bearer(access), null), 200);
    ContractClient.Exchange refused = server.get("/api/v1/auth/me", bearer(access));
    assertUnauthorized(refused, true);
    assertThat(refused.header("WWW-Authenticate").orElseThrow()).matches("^Bearer\\b.*error=\"invalid_token\".*");
    assertUnauthorized(server.post("/api/v1/auth/refresh", NONE, body("refresh_token", refresh)), true);
  }

  @Test
  void concurrentSignup_forOneEmail_createsExactlyOneAccount() throws Exception {
    String email = Identities.email("race");
    int threads = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<Integer> signup = () -> {
          ContractClient own = Targets.client(Targets.SERVER);
          go.await();
          return own.post("/auth/signup", NONE, body("email", email, "password", PASSWORD)).status();
        };
        results.add(pool.submit(signup));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> result : results) statuses.add(result.get(60, TimeUnit.SECONDS));
      assertThat(statuses).as("statuses of %d simultaneous sign-ups", threads).containsOnly(201, 409);
      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void logoutOfOneSession_leavesTheUsersOtherSessionsWorking() {
    String email = confirmedMotionAccount();
    JsonNode phone = startAndVerify(Identities.phone());
    ok(server.get("/api/v1/auth/me", bearer(phone.path("access_token").asText())), 200);

    JsonNode a = ok(server.post("/auth/signin", NONE, body("email", email, "password", PASSWORD)), 200);
    JsonNode b = ok(server.post("/auth/signin", NONE, body("email", email, "password", PASSWORD)), 200);
    ContractClient.Exchange out = server.call("POST", "/auth/logout", bearer(a.path("accessToken").asText()), null);
    assertThat(out.status()).isEqualTo(204);
    assertUnauthorized(server.get("/api/v1/auth/me", bearer(a.path("accessToken").asText())), true);
    ok(server.get("/api/v1/auth/me", bearer(b.path("accessToken").asText())), 200);
    JsonNode renewed = ok(server.post("/auth/refresh", NONE, body("refresh_token", b.path("refreshToken").asText())), 200);
    ok(server.get("/api/v1/auth/me", bearer(renewed.path("access_token").asText())), 200);
    ok(server.get("/api/v1/auth/me", bearer(phone.path("access_token").asText())), 200);
  }

  // --- per-IP limit -----------------------------------------------------------------------

  /** A platform of its own with AUTH_REQUESTS_PER_MINUTE=3: the 4th auth POST of a minute is 429. */
  @Test
  void perIpLimit_refusesAuthPostsWith429AndRetryAfter_butNotReads() {
    try (LocalPlatform limited = Targets.startPlatform(Targets.tempDir("platform-rate-limited"),
        Map.of("AUTH_REQUESTS_PER_MINUTE", "3"))) {
      ContractClient client = new ContractClient(Targets.SERVER, limited.baseUri());
      for (int i = 0; i < 3; i++) {
        assertThat(client.post("/auth/forgot-password", NONE, body("email", Identities.email("limit"))).status()).isEqualTo(200);
      }
      for (Map.Entry<String, String> op : Identities.validAuthPosts().entrySet()) {
        ContractClient.Exchange refused = client.post(op.getKey(), NONE, op.getValue());
        JsonNode problem = assertRateLimited(refused);
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).as(op.getKey()).isBetween(1L, 60L);
        assertThat(problem.path("type").asText()).isEqualTo("/problems/rate-limited");
      }
      ok(client.get("/.well-known/jwks.json"), 200);
      ok(client.get("/api/v1/auth/health"), 200);
    }
  }

  /**
   * Logout and the account update are auth-path writes too, but their contract documents no 429:
   * under the per-IP limit they must still answer a documented status (or the contract must
   * document the 429). Each operation is tried; the failure lists every one that breaks this.
   */
  @Test
  void perIpLimit_operationsWithout429InTheContract_stillAnswerADocumentedStatus() {
    try (LocalPlatform limited = Targets.startPlatform(Targets.tempDir("platform-rate-limited-2"),
        Map.of("AUTH_REQUESTS_PER_MINUTE", "2"))) {
      ContractClient client = new ContractClient(Targets.SERVER, limited.baseUri());
      JsonNode tokens = startAndVerify(client, Identities.phone()); // two POSTs: the bucket is now empty
      String access = tokens.path("access_token").asText();
      List<String> broken = new ArrayList<>();
      List<Runnable> calls = List.of(
          () -> client.call("PUT", "/api/v1/auth/me", merge(bearer(access), Map.of("Content-Type", "application/json")),
              body("first_name", "Ada")),
          () -> client.call("POST", "/api/v1/auth/logout", bearer(access), null),
          () -> client.call("POST", "/auth/logout", bearer(access), null));
      for (Runnable call : calls) {
        try {
          call.run();
        } catch (AssertionError e) {
          broken.add(e.getMessage().lines().filter(l -> !l.isBlank()).findFirst().orElse("") );
        }
      }
      assertThat(broken).as("operations answering a status their contract does not document").isEmpty();
    }
  }

  // --- helpers ----------------------------------------------------------------------------

  private JsonNode startAndVerify(String phone) {
    return startAndVerify(server, phone);
  }

  private static JsonNode startAndVerify(ContractClient client, String phone) {
    JsonNode started = ok(client.post("/auth/start", NONE, body("phone", phone)), 200);
    return ok(client.post("/auth/verify", NONE, body("phone", phone, "otp", started.path("dev_otp").asText(),
        "session", started.path("session").asText())), 200);
  }

  private String confirmedMotionAccount() {
    String email = Identities.email("motion");
    JsonNode created = ok(server.post("/auth/signup", NONE, body("email", email, "password", PASSWORD)), 201);
    ok(server.post("/auth/confirm-signup", NONE, body("email", email, "code", created.path("dev_code").asText())), 200);
    return email;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
