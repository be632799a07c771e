package dev.apiplatform.server.strava;

import static dev.apiplatform.server.strava.StravaHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 end to end on a WireMock Strava: connect → webhook → queued → the agent fetches and
 * renames → the update the rename causes is ignored; a retried delivery is a duplicate and enqueues
 * nothing (the messages in the agent's queue are counted), while a retry whose record was lost
 * after the send enqueues again and still renames once; the agent renames for the athlete's user
 * at the time it runs; and a server that stops after the webhook's 200 and before the agent ran
 * renames exactly once after a restart.
 */
class StravaAgentFlowTest {

  @TempDir static Path dir;
  static StravaHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new StravaHarness(dir);
  }

  @AfterAll
  static void stop() {
    if (h != null) h.close();
  }

  void stubActivity(long id) {
    h.stubActivity(id);
  }

  List<LoggedRequest> renames(long id) {
    return h.renames(id);
  }

  /** Waits (bounded) for the agent; the assertion is on what happened, not on how fast. */
  List<LoggedRequest> awaitRenames(long id, int count) throws InterruptedException {
    for (int i = 0; i < 600 && renames(id).size() < count; i++) Thread.sleep(100);
    return renames(id);
  }

  @Test
  void aNewActivity_isRenamedInTheUsersVoice_once_andTheResultingUpdateIsIgnored() throws Exception {
    StravaHarness.User user = h.signUp();
    long athlete = 7_100_001;
    h.connect(user, "code-agent", athlete, "read,activity:read_all,activity:write");
    json(h.send("PUT", "/user/settings", user.token(), "{\"selected_voice_id\":\"pirate\"}"));
    stubActivity(31);
    h.platform.close();
    h.platform = h.start(false); // no agent: the queue's messages stay put to be counted
    long before = h.agentMessages();

    JsonNode first = json(h.send("POST", "/webhooks/strava", null, h.event("activity", 31, "create", "{}", athlete)));
    assertThat(first.path("outcome").asText()).isEqualTo("queued");
    // Strava retries up to three times: each retry is acknowledged and enqueues nothing
    for (int i = 0; i < 3; i++) {
      JsonNode retry = json(h.send("POST", "/webhooks/strava", null, h.event("activity", 31, "create", "{}", athlete)));
      assertThat(retry.path("outcome").asText()).isEqualTo("duplicate");
    }
    assertThat(h.agentMessages() - before).as("messages sent for activity 31").isEqualTo(1);
    h.platform.close();
    h.platform = h.start(true);

    List<LoggedRequest> done = awaitRenames(31, 1);
    assertThat(done).hasSize(1);
    String name = StravaHarness.JSON.readTree(done.get(0).getBodyAsString()).path("name").asText();
    assertThat(name).startsWith("Arr! 10.2 km");
    assertThat(done.get(0).getHeader("Authorization")).isEqualTo("Bearer access-code-agent");

    JsonNode update = json(h.send("POST", "/webhooks/strava", null,
        h.event("activity", 31, "update", StravaHarness.JSON.writeValueAsString(java.util.Map.of("title", name)), athlete)));
    assertThat(update.path("outcome").asText()).isEqualTo("ignored");
    Thread.sleep(1500); // a second rename (one of the retries, or the update) would have been sent by now; none is
    assertThat(renames(31)).hasSize(1);
    assertThat(h.strava.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/activities/31"))))
        .as("the retries were recognised before fetching the activity again").hasSize(1);
  }

  @Test
  void aRetryAfterTheRecordWasLostBehindTheSend_isQueuedAgain_andRenamedOnce() throws Exception {
    StravaHarness.User user = h.signUp();
    long athlete = 7_100_004;
    h.connect(user, "code-window", athlete, "read,activity:read_all,activity:write");
    stubActivity(34);
    h.platform.close();
    h.platform = h.start(false);
    long before = h.agentMessages();
    assertThat(json(h.send("POST", "/webhooks/strava", null, h.event("activity", 34, "create", "{}", athlete)))
        .path("outcome").asText()).isEqualTo("queued");
    h.forgetDelivery(34); // the server died between the send and the record's put
    assertThat(json(h.send("POST", "/webhooks/strava", null, h.event("activity", 34, "create", "{}", athlete)))
        .path("outcome").asText()).isEqualTo("queued");
    assertThat(json(h.send("POST", "/webhooks/strava", null, h.event("activity", 34, "create", "{}", athlete)))
        .path("outcome").asText()).as("the re-enqueued delivery was recorded").isEqualTo("duplicate");
    assertThat(h.agentMessages() - before).as("messages sent for activity 34").isEqualTo(2);
    h.platform.close();

    h.platform = h.start(true);
    assertThat(awaitRenames(34, 1)).hasSize(1);
    for (int i = 0; i < 600 && h.agentMessages() > 0; i++) Thread.sleep(100); // both messages handled
    assertThat(h.agentMessages()).isZero();
    assertThat(renames(34)).as("the second message renamed nothing").hasSize(1);
  }

  @Test
  void anAthleteMovedToAnotherUser_afterTheWebhooks200_isRenamedForItsCurrentUser() throws Exception {
    StravaHarness.User before = h.signUp();
    StravaHarness.User after = h.signUp();
    long athlete = 7_100_003;
    h.strava.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/oauth/deauthorize"))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBody("{}")));
    h.connect(before, "code-moved-1", athlete, "read,activity:read_all,activity:write");
    stubActivity(33);
    h.platform.close();
    h.platform = h.start(false); // the webhook resolves the first user; no agent runs yet
    assertThat(json(h.send("POST", "/webhooks/strava", null, h.event("activity", 33, "create", "{}", athlete)))
        .path("outcome").asText()).isEqualTo("queued");
    assertThat(h.send("DELETE", "/strava/connection", before.token(), null).statusCode()).isEqualTo(204);
    h.connect(after, "code-moved-2", athlete, "read,activity:read_all,activity:write");
    h.platform.close();

    h.platform = h.start(true);
    List<LoggedRequest> done = awaitRenames(33, 1);
    assertThat(done).hasSize(1);
    assertThat(done.get(0).getHeader("Authorization")).as("the current user's token")
        .isEqualTo("Bearer access-code-moved-2");
  }

  @Test
  void aServerStoppedAfterTheWebhooks200_renamesExactlyOnceAfterTheRestart() throws Exception {
    StravaHarness.User user = h.signUp();
    long athlete = 7_100_002;
    h.connect(user, "code-crash", athlete, "read,activity:read_all,activity:write");
    stubActivity(32);
    h.platform.close();
    h.platform = h.start(false); // the webhook is accepted, but no agent runs in this process
    JsonNode accepted = json(h.send("POST", "/webhooks/strava", null, h.event("activity", 32, "create", "{}", athlete)));
    assertThat(accepted.path("outcome").asText()).isEqualTo("queued");
    h.platform.close(); // gone before the agent ran: the task is only in the durable queue
    assertThat(renames(32)).isEmpty();

    h.platform = h.start(true);
    assertThat(awaitRenames(32, 1)).hasSize(1);
    Thread.sleep(1500);
    assertThat(renames(32)).hasSize(1);
  }
}
