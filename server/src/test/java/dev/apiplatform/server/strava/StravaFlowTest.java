package dev.apiplatform.server.strava;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.apiplatform.server.strava.StravaHarness.json;
import static dev.apiplatform.server.strava.StravaHarness.problem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.server.notify.LoggingNotifier;
import dev.apiplatform.server.testing.CapturedLogs;
import dev.apiplatform.server.webhooks.TwilioSignatureFilter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Strava connection and the webhooks against a WireMock Strava, through HTTP. */
class StravaFlowTest {

  @TempDir static Path dir;
  static StravaHarness h;
  /** What the dev notifier (the delivery behind the notification worker) sends. */
  static CapturedLogs sent;
  static final AtomicLong ATHLETES = new AtomicLong(9_000_000);
  static final String ALL = "read,activity:read_all,activity:write";

  @BeforeAll
  static void start() throws Exception {
    sent = CapturedLogs.of(LoggingNotifier.class, Level.INFO).quiet(); // the test logging is WARN; the sends are INFO
    h = new StravaHarness(dir);
  }

  @AfterAll
  static void stop() {
    if (sent != null) sent.close();
    if (h != null) h.close();
  }

  @Test
  void connecting_storesTheAthlete_andTheProfileShowsIt_withoutTokens() throws Exception {
    StravaHarness.User user = h.signUp();
    long athlete = ATHLETES.incrementAndGet();
    JsonNode connection = h.connect(user, "code-connect", athlete, ALL);
    assertThat(connection.path("connected").asBoolean()).isTrue();
    assertThat(connection.path("athlete_id").asLong()).isEqualTo(athlete);
    HttpResponseText profile = new HttpResponseText(h.send("GET", "/user/profile", user.token(), null).body());
    JsonNode strava = StravaHarness.JSON.readTree(profile.body()).path("strava");
    assertThat(strava.path("connected").asBoolean()).isTrue();
    assertThat(strava.path("athlete_id").asLong()).isEqualTo(athlete);
    assertThat(strava.path("scopes")).extracting(JsonNode::asText).contains("activity:write", "activity:read_all");
    assertThat(strava.path("connected_at").asText()).isNotEmpty();
    assertThat(profile.body()).doesNotContain("access-code-connect").doesNotContain("refresh-code-connect");
    h.strava.verify(postRequestedFor(urlPathEqualTo("/oauth/token"))
        .withRequestBody(containing("grant_type=authorization_code")).withRequestBody(containing("client_secret=")));
  }

  @Test
  void tokensAtRest_areEncrypted_notThePlainTokens() throws Exception {
    StravaHarness.User user = h.signUp();
    h.connect(user, "code-at-rest", ATHLETES.incrementAndGet(), ALL);
    // DynamoDB Local persists under the data dir: the plain tokens are nowhere on disk
    try (var files = Files.walk(dir.resolve("stores"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content;
        try {
          content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        } catch (java.nio.file.NoSuchFileException gone) {
          continue; // SQLite's journal comes and goes between the walk and the read
        }
        assertThat(content).as(f.toString()).doesNotContain("access-code-at-rest").doesNotContain("refresh-code-at-rest");
      }
    }
  }

  @Test
  void theAuthorizeUrl_carriesTheIssuesParameters() throws Exception {
    StravaHarness.User user = h.signUp();
    JsonNode url = json(h.send("GET", "/strava/oauth/url", user.token(), null));
    URI uri = URI.create(url.path("url").asText());
    assertThat(uri.getPath()).isEqualTo("/oauth/authorize");
    assertThat(uri.getQuery()).contains("client_id=4242", "redirect_uri=https://app.example/strava",
        "response_type=code", "approval_prompt=auto", "scope=read,activity:read_all,activity:write", "state=");
  }

  @Test
  void aStateOfAnotherUser_aReplayedState_andAForgedState_are400() throws Exception {
    StravaHarness.User alice = h.signUp();
    StravaHarness.User bob = h.signUp();
    h.stubTokenExchange("code-state", ATHLETES.incrementAndGet(), "a", "r", 4_000_000_000L);
    String alicesState = h.state(alice);
    JsonNode wrongUser = problem(h.send("POST", "/strava/oauth/callback", bob.token(),
        callback("code-state", alicesState, ALL)), 400);
    assertThat(wrongUser.path("type").asText()).isEqualTo("/problems/invalid-oauth-state");
    json(h.send("POST", "/strava/oauth/callback", alice.token(), callback("code-state", alicesState, ALL)));
    JsonNode replay = problem(h.send("POST", "/strava/oauth/callback", alice.token(),
        callback("code-state", alicesState, ALL)), 400);
    assertThat(replay.path("detail").asText()).contains("used already");
    problem(h.send("POST", "/strava/oauth/callback", alice.token(), callback("code-state", "abc.123.def", ALL)), 400);
  }

  @Test
  void aGrantWithoutActivityWrite_isRefused_namingTheScope_andNothingIsStored() throws Exception {
    StravaHarness.User user = h.signUp();
    JsonNode refused = problem(h.send("POST", "/strava/oauth/callback", user.token(),
        callback("code-scope", h.state(user), "read,activity:read_all")), 400);
    assertThat(refused.path("type").asText()).isEqualTo("/problems/insufficient-scope");
    assertThat(refused.path("detail").asText()).contains("activity:write");
    JsonNode profile = json(h.send("GET", "/user/profile", user.token(), null));
    assertThat(profile.path("strava").path("connected").asBoolean()).isFalse();
  }

  @Test
  void anAthleteLinkedToAnotherUser_is409() throws Exception {
    long athlete = ATHLETES.incrementAndGet();
    h.connect(h.signUp(), "code-first", athlete, ALL);
    StravaHarness.User second = h.signUp();
    h.stubTokenExchange("code-second", athlete, "a2", "r2", 4_000_000_000L);
    JsonNode conflict = problem(h.send("POST", "/strava/oauth/callback", second.token(),
        callback("code-second", h.state(second), ALL)), 409);
    assertThat(conflict.path("type").asText()).isEqualTo("/problems/conflict");
  }

  @Test
  void aCodeStravaRefuses_is400() throws Exception {
    StravaHarness.User user = h.signUp();
    h.strava.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("code=code-bad"))
        .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"Bad Request\"}")));
    JsonNode p = problem(h.send("POST", "/strava/oauth/callback", user.token(), callback("code-bad", h.state(user), ALL)), 400);
    assertThat(p.path("type").asText()).isEqualTo("/problems/invalid-oauth-code");
  }

  @Test
  void disconnecting_deauthorizesAtStrava_andForgetsTheAthlete() throws Exception {
    StravaHarness.User user = h.signUp();
    long athlete = ATHLETES.incrementAndGet();
    h.connect(user, "code-disc", athlete, ALL);
    h.strava.stubFor(post(urlPathEqualTo("/oauth/deauthorize")).willReturn(aResponse().withStatus(200).withBody("{}")));
    assertThat(h.send("DELETE", "/strava/connection", user.token(), null).statusCode()).isEqualTo(204);
    h.strava.verify(postRequestedFor(urlPathEqualTo("/oauth/deauthorize")).withRequestBody(containing("access_token=access-code-disc")));
    assertThat(json(h.send("GET", "/user/profile", user.token(), null)).path("strava").path("connected").asBoolean()).isFalse();
    // the athlete is free again: another user may connect it
    h.connect(h.signUp(), "code-disc-2", athlete, ALL);
  }

  // --- webhooks -------------------------------------------------------------------------

  @Test
  void theHandshake_echoesTheChallenge_onlyWithTheVerifyToken() throws Exception {
    JsonNode ok = json(h.send("GET", "/webhooks/strava?hub.mode=subscribe&hub.verify_token=" + StravaHarness.VERIFY_TOKEN
        + "&hub.challenge=abc123", null, null));
    assertThat(ok.path("hub.challenge").asText()).isEqualTo("abc123");
    problem(h.send("GET", "/webhooks/strava?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=abc123", null, null), 403);
  }

  @Test
  void junkEvents_andAnotherSubscription_are400() throws Exception {
    problem(h.send("POST", "/webhooks/strava", null, "{\"object_type\":\"bike\"}"), 400);
    problem(h.send("POST", "/webhooks/strava", null, "not json"), 400);
    String other = h.event("activity", 1, "create", "{}", 1).replace(":" + StravaHarness.SUBSCRIPTION + ",", ":99,");
    problem(h.send("POST", "/webhooks/strava", null, other), 400);
  }

  @Test
  void anUnknownAthletesEvent_isAcknowledged_andDropped() throws Exception {
    JsonNode r = json(h.send("POST", "/webhooks/strava", null, h.event("activity", 77, "create", "{}", 1)));
    assertThat(r.path("outcome").asText()).isEqualTo("unknown_athlete");
  }

  @Test
  void deauthorization_unlinksTheUser() throws Exception {
    StravaHarness.User user = h.signUp();
    long athlete = ATHLETES.incrementAndGet();
    h.connect(user, "code-deauth", athlete, ALL);
    JsonNode r = json(h.send("POST", "/webhooks/strava", null,
        h.event("athlete", athlete, "update", "{\"authorized\":\"false\"}", athlete)));
    assertThat(r.path("outcome").asText()).isEqualTo("unlinked");
    assertThat(json(h.send("GET", "/user/profile", user.token(), null)).path("strava").path("connected").asBoolean()).isFalse();
  }

  // --- SMS --------------------------------------------------------------------------------

  @Test
  void anSmsWithoutAValidSignature_is403() throws Exception {
    String form = "From=%2B14155550100&Body=HELP";
    problem(h.sendForm("/webhooks/sms", form, null), 403);
    problem(h.sendForm("/webhooks/sms", form, "bm90LXRoZS1zaWduYXR1cmU="), 403);
  }

  @Test
  void voiceBySms_changesTheSelectedVoice_andRepliesBySmsThroughTheNotificationQueue() throws Exception {
    StravaHarness.User user = h.signUp();
    var r = sms(user.phone(), "VOICE pirate");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
    assertThat(r.body()).endsWith("<Response/>"); // Twilio sends nothing itself: the reply is queued
    assertThat(json(h.send("GET", "/user/profile", user.token(), null)).path("settings").path("selected_voice_id").asText())
        .isEqualTo("pirate");
    // the dev notifier behind the notification worker writes what it sends to the log
    assertThat(awaitSms(user.phone(), "Voice set to Pirate.")).isTrue();

    assertThat(sms(user.phone(), "help").statusCode()).isEqualTo(200);
    assertThat(awaitSms(user.phone(), "VOICE <style> changes how your activities are named (now: Pirate")).isTrue();
  }

  @Test
  void anSmsFromANumberNoUserHas_isAnsweredEmpty_andGetsNoReply() throws Exception {
    String stranger = "+12125550001";
    var r = sms(stranger, "HELP");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).endsWith("<Response/>");
    StravaHarness.User user = h.signUp(); // a later reply to someone else proves the worker has run since
    sms(user.phone(), "HELP");
    assertThat(awaitSms(user.phone(), "HELP shows this")).isTrue();
    assertThat(sent.events()).noneMatch(e -> e.getFormattedMessage().contains(stranger));
  }

  private java.net.http.HttpResponse<String> sms(String from, String body) throws Exception {
    var params = List.of(Map.entry("From", from), Map.entry("Body", body), Map.entry("To", "+14155550199"));
    String form = params.stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .reduce((a, b) -> a + "&" + b).orElseThrow();
    String signature = TwilioSignatureFilter.sign(StravaHarness.TWILIO_TOKEN, h.base() + "/webhooks/sms", params);
    return h.sendForm("/webhooks/sms", form, signature);
  }

  /** Waits (bounded) for the dev notifier's line for an SMS to {@code phone} containing {@code text}. */
  private static boolean awaitSms(String phone, String text) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (sent.messages().stream().anyMatch(m -> m.contains("SMS to " + phone + ":") && m.contains(text))) return true;
      Thread.sleep(100);
    }
    return false;
  }

  static String callback(String code, String state, String scope) {
    return "{\"code\":\"" + code + "\",\"state\":\"" + state + "\",\"scope\":\"" + scope + "\"}";
  }

  record HttpResponseText(String body) {}
}
