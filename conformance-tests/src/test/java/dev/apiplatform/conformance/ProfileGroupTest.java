package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MetaMatic's profile group (seed 000, {@code /user/*}), run unchanged against every target: the
 * caller's profile, their voice style setting and the catalogue of styles. What only a stateful
 * target can show (values read back, isolation between users) is in {@link ProfileFlowsTest}.
 */
class ProfileGroupTest extends IdentityContract {

  static final List<String> PROFILE_FIELDS = List.of("user_id", "status", "strava", "settings", "createdAt", "updatedAt");

  /** A user signed in by phone: the number, the token's subject and the token. */
  record PhoneSignIn(String phone, String userId, String accessToken) {}

  /** An access token of a new user who signed in by phone (seed 000's register + verify). */
  String phoneUserToken() {
    return onServer() ? signInByPhone(client()).accessToken() : MarketUsers.MOCK_TOKEN;
  }

  /** Seed 000's flow on the server: register a fresh number, verify the echoed code. */
  static PhoneSignIn signInByPhone(ContractClient server) {
    String phone = Identities.phone();
    JsonNode sent = ok(server.post("/auth/register", Map.of(), body("phoneNumber", phone)), 200);
    JsonNode tokens = ok(server.post("/auth/verify", Map.of(), body("phoneNumber", phone, "code",
        sent.path("dev_code").asText())), 200);
    String access = tokens.path("access_token").asText();
    return new PhoneSignIn(phone, Identities.claims(access).path("sub").asText(), access);
  }

  // --- GET /user/profile ------------------------------------------------------------------

  @Test
  void profile_returnsTheCallersProfile() {
    assertProfile(ok(client().get("/user/profile", bearer(phoneUserToken())), 200));
  }

  @Test
  void profile_withoutAToken_is401WithChallenge() {
    assertUnauthorized(client().callBreakingContract("GET", "/user/profile", producing(401), null), false);
  }

  @Test
  void profile_invalidToken_is401WithChallenge() {
    assertUnauthorized(client().get("/user/profile", merge(bearer("not.a.token"), producing(401))), true);
  }

  // --- GET /user/voices -------------------------------------------------------------------

  @Test
  void voices_listTheCatalogue_withExactlyOneDefault() {
    JsonNode voices = ok(client().get("/user/voices", bearer(phoneUserToken())), 200).path("voices");
    assertThat(voices.isArray()).isTrue();
    assertThat(voices.size()).isGreaterThanOrEqualTo(2);
    int defaults = 0;
    for (JsonNode voice : voices) {
      assertThat(voice.path("id").asText()).isNotBlank();
      assertThat(voice.path("name").asText()).isNotBlank();
      assertThat(voice.path("description").asText()).isNotBlank().doesNotContain("\n");
      if (voice.path("is_default").asBoolean()) defaults++;
    }
    assertThat(defaults).isEqualTo(1);
  }

  @Test
  void voices_invalidToken_is401WithChallenge() {
    assertUnauthorized(client().get("/user/voices", merge(Identities.bearer("not.a.token"), producing(401))), true);
  }

  @Test
  void settings_invalidToken_is401WithChallenge() {
    assertUnauthorized(putSettings("not.a.token", producing(401), body("selected_voice_id", "hype")), true);
  }

  @Test
  void voices_withoutAToken_is401WithChallenge() {
    assertUnauthorized(client().callBreakingContract("GET", "/user/voices", producing(401), null), false);
  }

  // --- PUT /user/settings -----------------------------------------------------------------

  @Test
  void settings_listedVoice_returnsTheUpdatedProfile() {
    String token = phoneUserToken();
    String voice = voiceIds(token).get(voiceIds(token).size() - 1);
    assertProfile(ok(putSettings(token, Map.of(), body("selected_voice_id", voice)), 200));
  }

  @Test
  void settings_unknownVoice_is400WithTheFieldInErrors() {
    JsonNode problem = assertProblem(putSettings(phoneUserToken(), producing(400),
        body("selected_voice_id", "opera-singer")), 400);
    assertThat(problem.path("errors").isArray()).isTrue();
    assertThat(problem.path("errors").size()).isPositive();
    assertThat(problem.path("errors").get(0).path("field").asText()).isNotBlank();
  }

  @Test
  void settings_unknownOrMissingMembers_are400() {
    String token = phoneUserToken();
    Map<String, String> headers = merge(merge(bearer(token), AccountGroupTest.jsonType()), producing(400));
    assertProblem(client().callBreakingContract("PUT", "/user/settings", headers,
        body("selected_voice_id", "hype", "status", "INACTIVE")), 400);
    assertProblem(client().callBreakingContract("PUT", "/user/settings", headers, body("voice", "hype")), 400);
    assertProblem(client().callBreakingContract("PUT", "/user/settings", headers, "{}"), 400);
  }

  @Test
  void settings_withoutAToken_is401WithChallenge() {
    assertUnauthorized(client().callBreakingContract("PUT", "/user/settings", merge(AccountGroupTest.jsonType(), producing(401)),
        body("selected_voice_id", "hype")), false);
  }

  @Test
  void settings_refusesNonJsonWith415_andOversizedBodiesWith413() {
    everyBodyOperation_refusesNonJsonAndOversizedBodies("/user/");
  }

  // --- helpers ----------------------------------------------------------------------------

  ContractClient.Exchange putSettings(String token, Map<String, String> headers, String json) {
    return putSettings(client(), token, headers, json);
  }

  static ContractClient.Exchange putSettings(ContractClient client, String token, Map<String, String> headers,
      String json) {
    return client.call("PUT", "/user/settings", merge(merge(bearer(token), AccountGroupTest.jsonType()), headers), json);
  }

  List<String> voiceIds(String token) {
    return voiceIds(client(), token);
  }

  static List<String> voiceIds(ContractClient client, String token) {
    List<String> ids = new ArrayList<>();
    ok(client.get("/user/voices", bearer(token)), 200).path("voices").forEach(v -> ids.add(v.path("id").asText()));
    return ids;
  }

  static void assertProfile(JsonNode profile) {
    for (String field : PROFILE_FIELDS) assertThat(profile.has(field)).as("profile has %s: %s", field, profile).isTrue();
    assertThat(profile.path("user_id").asText()).isNotBlank();
    assertThat(profile.path("status").asText()).isIn("ACTIVE", "INACTIVE");
    assertThat(profile.path("strava").path("connected").isBoolean()).isTrue();
    assertThat(profile.path("strava").toString()).doesNotContainIgnoringCase("token\":")
        .doesNotContainIgnoringCase("refresh");
    assertThat(profile.path("settings").path("selected_voice_id").asText()).isNotBlank();
    if (profile.has("phoneNumber")) assertThat(profile.path("phoneNumber").asText()).matches(E164);
  }

  // The identity hooks of IdentityContract: the profile group sends no codes.

  @Override
  Seasoned.PhoneUser phoneUserReadyForACode() {
    throw new UnsupportedOperationException("the profile group sends no codes");
  }

  @Override
  Seasoned.EmailUser confirmedUserReadyForACode() {
    throw new UnsupportedOperationException("the profile group sends no codes");
  }

  @Override
  Seasoned.EmailUser unconfirmedUserReadyForACode() {
    throw new UnsupportedOperationException("the profile group sends no codes");
  }
}
