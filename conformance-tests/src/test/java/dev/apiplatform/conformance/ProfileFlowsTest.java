package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.PASSWORD;
import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;
import static dev.apiplatform.conformance.ProfileGroupTest.assertProfile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.conformance.ProfileGroupTest.PhoneSignIn;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What only the stateful server can show of the profile group (values read back, one user's
 * change invisible to another, concurrent writers); every exchange still counts for its coverage.
 */
class ProfileFlowsTest {

  private final ContractClient server = Targets.client(Targets.SERVER);

  @Test
  void profile_afterPhoneSignIn_isThatUser_withTheDefaultVoiceAndNoStrava() {
    PhoneSignIn user = ProfileGroupTest.signInByPhone(server);
    JsonNode profile = ok(server.get("/user/profile", bearer(user.accessToken())), 200);
    assertProfile(profile);
    assertThat(profile.path("user_id").asText()).isEqualTo(user.userId());
    assertThat(profile.path("phoneNumber").asText()).isEqualTo(user.phone());
    assertThat(profile.has("email")).isFalse();
    assertThat(profile.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(profile.path("strava").path("connected").asBoolean()).isFalse();
    assertThat(profile.path("strava").has("athlete_id")).isFalse();
    assertThat(profile.path("strava").has("scopes")).isFalse();
    assertThat(profile.path("settings").path("selected_voice_id").asText()).isEqualTo(defaultVoice(user.accessToken()));
    assertThat(OffsetDateTime.parse(profile.path("updatedAt").asText()))
        .isAfterOrEqualTo(OffsetDateTime.parse(profile.path("createdAt").asText()));
  }

  @Test
  void profile_ofAnEmailOnlyUser_hasNoPhoneNumber() {
    String email = Identities.email("metamatic");
    JsonNode registered = ok(server.post("/api/v1/auth/register", Map.of(), AccountGroupTest.registerBody(email, PASSWORD)), 202);
    ok(server.post("/api/v1/auth/confirm-email", Map.of(), body("email", email, "code", registered.path("dev_code").asText())), 200);
    String access = ok(server.post("/api/v1/auth/login", Map.of(), body("email", email, "password", PASSWORD)), 200)
        .path("tokens").path("access_token").asText();

    JsonNode profile = ok(server.get("/user/profile", bearer(access)), 200);
    assertProfile(profile);
    assertThat(profile.path("user_id").asText()).isEqualTo(registered.path("user_id").asText());
    assertThat(profile.has("phoneNumber")).isFalse();
    assertThat(profile.path("email").asText()).isEqualTo(email);
  }

  @Test
  void settings_update_persists_andMovesUpdatedAt() {
    PhoneSignIn user = ProfileGroupTest.signInByPhone(server);
    JsonNode before = ok(server.get("/user/profile", bearer(user.accessToken())), 200);
    String chosen = otherThanDefault(user.accessToken());

    JsonNode updated = ok(ProfileGroupTest.putSettings(server, user.accessToken(), Map.of(), body("selected_voice_id", chosen)), 200);
    assertThat(updated.path("user_id").asText()).isEqualTo(user.userId());
    assertThat(updated.path("settings").path("selected_voice_id").asText()).isEqualTo(chosen);

    JsonNode readBack = ok(server.get("/user/profile", bearer(user.accessToken())), 200);
    assertThat(readBack.path("settings").path("selected_voice_id").asText()).isEqualTo(chosen);
    assertThat(readBack.path("createdAt").asText()).isEqualTo(before.path("createdAt").asText());
    assertThat(OffsetDateTime.parse(readBack.path("updatedAt").asText()))
        .isAfterOrEqualTo(OffsetDateTime.parse(before.path("updatedAt").asText()));
  }

  @Test
  void settings_unknownVoice_namesBodySelectedVoiceId_andChangesNothing() {
    PhoneSignIn user = ProfileGroupTest.signInByPhone(server);
    String chosen = otherThanDefault(user.accessToken());
    ok(ProfileGroupTest.putSettings(server, user.accessToken(), Map.of(), body("selected_voice_id", chosen)), 200);

    JsonNode problem = assertProblem(ProfileGroupTest.putSettings(server, user.accessToken(), Map.of(), body("selected_voice_id", "HYPE")), 400);
    assertThat(problem.path("type").asText()).isEqualTo("/problems/validation");
    assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("body.selected_voice_id");
    assertThat(problem.path("errors").get(0).path("code").asText()).isEqualTo("unknown_voice");

    JsonNode readBack = ok(server.get("/user/profile", bearer(user.accessToken())), 200);
    assertThat(readBack.path("settings").path("selected_voice_id").asText()).isEqualTo(chosen);
  }

  @Test
  void settings_ofOneUser_areInvisibleToAnother() {
    PhoneSignIn a = ProfileGroupTest.signInByPhone(server);
    PhoneSignIn b = ProfileGroupTest.signInByPhone(server);
    String chosen = otherThanDefault(a.accessToken());
    ok(ProfileGroupTest.putSettings(server, a.accessToken(), Map.of(), body("selected_voice_id", chosen)), 200);

    JsonNode bProfile = ok(server.get("/user/profile", bearer(b.accessToken())), 200);
    assertThat(bProfile.path("user_id").asText()).isEqualTo(b.userId()).isNotEqualTo(a.userId());
    assertThat(bProfile.path("phoneNumber").asText()).isEqualTo(b.phone());
    assertThat(bProfile.path("settings").path("selected_voice_id").asText()).isEqualTo(defaultVoice(b.accessToken()));
    JsonNode aProfile = ok(server.get("/user/profile", bearer(a.accessToken())), 200);
    assertThat(aProfile.path("user_id").asText()).isEqualTo(a.userId());
    assertThat(aProfile.path("settings").path("selected_voice_id").asText()).isEqualTo(chosen);
  }

  @Test
  void settings_concurrentUpdates_eachSucceedOrConflict_andOneOfThemIsStored() throws Exception {
    PhoneSignIn user = ProfileGroupTest.signInByPhone(server);
    List<String> voices = ProfileGroupTest.voiceIds(server, user.accessToken());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<ContractClient.Exchange>> answers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String voice = voices.get(i % voices.size());
        Callable<ContractClient.Exchange> put = () -> ProfileGroupTest.putSettings(server, user.accessToken(), Map.of(), body("selected_voice_id", voice));
        answers.add(pool.submit(put));
      }
      for (Future<ContractClient.Exchange> answer : answers) {
        ContractClient.Exchange exchange = answer.get();
        assertThat(exchange.status()).as("body: %s", exchange.body()).isIn(200, 409);
        if (exchange.status() == 409) assertProblem(exchange, 409);
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode readBack = ok(server.get("/user/profile", bearer(user.accessToken())), 200);
    assertThat(readBack.path("settings").path("selected_voice_id").asText()).isIn(voices);
  }

  @Test
  void voices_containTheMetaMaticCatalogue() {
    assertThat(ProfileGroupTest.voiceIds(server, ProfileGroupTest.signInByPhone(server).accessToken())).contains("hype", "deadpan", "poetic", "coach", "pirate", "haiku");
  }

  @Test
  void aLoggedOutToken_isRefusedOnEveryProfileOperation() {
    String access = ProfileGroupTest.signInByPhone(server).accessToken();
    ok(server.call("POST", "/api/v1/auth/logout", bearer(access), null), 200);
    assertUnauthorized(server.get("/user/profile", bearer(access)), true);
    assertUnauthorized(server.get("/user/voices", bearer(access)), true);
    assertUnauthorized(ProfileGroupTest.putSettings(server, access, Map.of(), body("selected_voice_id", "hype")), true);
  }

  private String defaultVoice(String token) {
    for (JsonNode voice : ok(server.get("/user/voices", bearer(token)), 200).path("voices")) {
      if (voice.path("is_default").asBoolean()) return voice.path("id").asText();
    }
    throw new AssertionError("no default voice");
  }

  private String otherThanDefault(String token) {
    String def = defaultVoice(token);
    return ProfileGroupTest.voiceIds(server, token).stream().filter(id -> !id.equals(def)).findFirst().orElseThrow();
  }
}
