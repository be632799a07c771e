package dev.apiplatform.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.http.edge.RawHttp;
import dev.apiplatform.server.insights.InsightsGroup;
import dev.apiplatform.server.testing.ClarityPlatform;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebSocket channels on the platform's own port, with the JDK's client: chat between two
 * users, health-analysis updates from a PAT analysis job on the real queue and workers, the
 * upgrade's refusals, and the frame, size, rate and idle limits (set to seconds here).
 */
class WebSocketTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static ClarityPlatform platform;
  static final PatJobsGroup JOBS = new PatJobsGroup();

  @BeforeAll
  static void start() throws Exception {
    platform = ClarityPlatform.start(dir, Map.of("WS_IDLE_TIMEOUT_SECONDS", "6", "WS_HEARTBEAT_SECONDS", "1",
        "WS_MESSAGES_PER_MINUTE", "20", "QUEUE_POLL_WAIT_SECONDS", "1"),
        List.of(new InsightsGroup(), new WsGroup(), JOBS));
  }

  @AfterAll
  static void stop() {
    if (platform != null) platform.close();
  }

  static WsClient chat(String room, String token) {
    return WsClient.connect(platform.ws("/api/v1/ws/chat/" + room + "?token=" + token));
  }

  static WsClient joinedThen(WsClient a, String userId, java.util.function.Supplier<WsClient> next)
      throws InterruptedException {
    a.next(m -> m.path("type").asText().equals("SYSTEM") && m.path("content").asText().contains(userId + " joined"));
    return next.get();
  }

  static int refusedStatus(String pathAndQuery) {
    Throwable t = catchThrowable(() -> WsClient.connect(platform.ws(pathAndQuery)));
    assertThat(t).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
    return ((WebSocketHandshakeException) t.getCause()).getResponse().statusCode();
  }

  @Test
  void twoUsers_chatInARoom_andSeeEachOther_inStatsAndUsers() throws Exception {
    var ada = platform.signUp();
    var bob = platform.signUp();
    try (WsClient a = chat("sleep-club", ada.token());
         // Tyrus runs onOpen after the handshake answer: b may join before a is in the room unless
         // a has seen its own join first (CI once missed b's join that way)
         WsClient b = joinedThen(a, ada.userId(), () -> chat("sleep-club", bob.token()))) {
      a.next(m -> m.path("type").asText().equals("SYSTEM") && m.path("content").asText().contains(bob.userId()));
      b.send(Map.of("type", "MESSAGE", "content", "Slept badly again"));
      JsonNode got = a.next("MESSAGE");
      assertThat(got.path("user_id").asText()).isEqualTo(bob.userId());
      assertThat(got.path("content").asText()).isEqualTo("Slept badly again");
      assertThat(got.path("timestamp").asText()).isNotBlank();
      a.send(Map.of("type", "TYPING"));
      assertThat(b.next("TYPING").path("user_id").asText()).isEqualTo(ada.userId());

      var stats = platform.call("GET", "/api/v1/ws/chat/stats", ada.token(), null);
      assertThat(stats.status()).isEqualTo(200);
      assertThat(stats.body().path("data").path("rooms").get(0).path("room_id").asText()).isEqualTo("sleep-club");
      assertThat(stats.body().path("data").path("rooms").get(0).path("users").asInt()).isEqualTo(2);
      var users = platform.call("GET", "/api/v1/ws/chat/users/sleep-club", bob.token(), null);
      assertThat(users.body().path("data").path("users").findValuesAsText("user_id"))
          .containsExactlyInAnyOrder(ada.userId(), bob.userId());
      var outsider = platform.signUp();
      assertThat(platform.call("GET", "/api/v1/ws/chat/users/sleep-club", outsider.token(), null).status()).isEqualTo(404);
      assertThat(platform.call("GET", "/api/v1/ws/chat/stats", outsider.token(), null).body().path("data")
          .path("rooms").size()).isZero();
      assertThat(platform.call("GET", "/api/v1/ws/chat/stats", null, null).status()).isEqualTo(401);
    }
  }

  @Test
  void healthInsight_isAnsweredInTheRoom_byTheRulesWithoutAProvider() throws Exception {
    var ada = platform.signUp();
    var bob = platform.signUp();
    try (WsClient a = chat("insight-room", ada.token()); WsClient b = chat("insight-room", bob.token())) {
      a.send(Map.of("type", "HEALTH_INSIGHT", "analysis_results", Map.of("total_sleep_minutes", 360,
          "sleep_efficiency", 0.78)));
      JsonNode insight = b.next("HEALTH_INSIGHT");
      assertThat(insight.path("user_id").asText()).isEqualTo(ada.userId());
      assertThat(insight.path("data").path("generated_by").asText()).isEqualTo("rules");
      assertThat(insight.path("data").path("key_insights").get(0).asText()).contains("6.0 hours");
      assertThat(insight.path("data").path("disclaimer").asText()).contains("not medical advice");
    }
  }

  @Test
  void upgrade_withoutOrWithABadToken_is401_andAnotherUsersFeed_is403() throws Exception {
    var ada = platform.signUp();
    var bob = platform.signUp();
    assertThat(refusedStatus("/api/v1/ws/chat/room1")).isEqualTo(401);
    assertThat(refusedStatus("/api/v1/ws/chat/room1?token=not.a.token")).isEqualTo(401);
    assertThat(refusedStatus("/api/v1/ws/health-analysis/" + ada.userId())).isEqualTo(401);
    assertThat(refusedStatus("/api/v1/ws/health-analysis/" + bob.userId() + "?token=" + ada.token())).isEqualTo(403);
    try (WsClient own = WsClient.connect(platform.ws("/api/v1/ws/health-analysis/" + ada.userId() + "?token="
        + ada.token()))) {
      assertThat(own.next("SYSTEM").path("content").asText()).contains(ada.userId());
    }
  }

  /**
   * A refused upgrade is a complete answer: a problem document with its length, the request id,
   * no upgrade headers, and the connection closed. (Tyrus' own refusal had no body, no length and
   * the reason "Switching Protocols", and kept the connection open: the JDK client waited for the
   * server's keep-alive limit, 30 s, before it reported the status.)
   */
  @Test
  void aRefusedUpgrade_isAProblemDocument_onAClosedConnection() throws Exception {
    var ada = platform.signUp();
    var bob = platform.signUp();
    String[][] refusals = {
        {"/api/v1/ws/chat/room1", "401"},
        {"/api/v1/ws/chat/room1?token=" + ada.token() + "&token=" + ada.token(), "401"},
        {"/api/v1/ws/chat/room1?token=%zz", "400"}, // the edge's rule for any request target
        {"/api/v1/ws/chat/" + "r".repeat(65) + "?token=" + ada.token(), "400"},
        {"/api/v1/ws/chat/?token=" + ada.token(), "400"}, // an empty room (Tyrus: an empty 500)
        {"/api/v1/ws/chat/a/b?token=" + ada.token(), "400"}, // no channel here (Grizzly: 408 after 10 s)
        {"/healthz", "400"},
        {"/api/v1/ws/health-analysis/" + bob.userId() + "?token=" + ada.token(), "403"}};
    String handshake = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n";
    String own = "/api/v1/ws/chat/room1?token=" + ada.token();
    // with a valid token, handshakes RFC 6455 refuses (Tyrus: an empty 500, or "426 CUSTOM")
    String[][] malformed = {
        {"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n", "400"},
        {"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n", "400"},
        {"Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n", "400"},
        {handshake.replace("Version: 13", "Version: 8"), "426"}};
    List<String[]> all = new ArrayList<>();
    for (String[] refusal : refusals) all.add(new String[] {"GET " + refusal[0], handshake, refusal[1]});
    for (String[] m : malformed) all.add(new String[] {"GET " + own, m[0], m[1]});
    all.add(new String[] {"POST " + own, handshake, "400"});
    for (String[] refusal : all) {
      int port = platform.ws("/").getPort();
      try (RawHttp http = new RawHttp(port)) {
        http.send(refusal[0] + " HTTP/1.1\r\nHost: x\r\n" + refusal[1] + "\r\n");
        RawHttp.Response r = http.read(true);
        int status = Integer.parseInt(refusal[2]);
        assertThat(r.status()).as(refusal[0] + " " + refusal[1]).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("error_id").asText()).isEqualTo(r.header("X-Request-ID"));
        // a 426 names the protocol and version it needs (RFC 9110 15.5.22, RFC 6455 4.2.2)
        assertThat(r.header("Upgrade")).isEqualTo(status == 426 ? "websocket" : null);
        assertThat(r.header("Sec-WebSocket-Version")).isEqualTo(status == 426 ? "13" : null);
        assertThat(r.header("Sec-WebSocket-Accept")).isNull();
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("WWW-Authenticate")).isEqualTo(status == 401 ? Handshake.WWW_AUTHENTICATE : null);
        assertThat(r.closedAfter()).as("closed after the refusal").isTrue();
      }
    }
  }

  @Test
  void badFrames_getAnError_andTheConnectionStays() throws Exception {
    var ada = platform.signUp();
    try (WsClient a = chat("frames", ada.token())) {
      for (Object bad : new Object[] {"not json", "[1,2]", Map.of("type", "SHOUT", "content", "x"),
          Map.of("type", "MESSAGE"), Map.of("type", "MESSAGE", "content", "x", "extra", 1),
          Map.of("type", "MESSAGE", "content", "x", "user_id", "someone-else"),
          Map.of("type", "MESSAGE", "content", "x".repeat(4001))}) {
        a.send(bad);
        assertThat(a.next("ERROR").path("code").asText()).isIn("invalid_frame", "not_allowed");
      }
      a.send(Map.of("type", "MESSAGE", "content", "still here"));
      assertThat(a.next("MESSAGE").path("content").asText()).isEqualTo("still here");
      a.send(Map.of("type", "HEARTBEAT"));
      assertThat(a.next("HEARTBEAT").path("user_id").asText()).isEqualTo("system");
    }
  }

  @Test
  void moreThanTheMinutesAllowance_isRefusedWithRateLimited() throws Exception {
    var ada = platform.signUp();
    try (WsClient a = chat("rates", ada.token())) {
      for (int i = 0; i < 21; i++) a.send(Map.of("type", "HEARTBEAT"));
      assertThat(a.next(m -> m.path("code").asText().equals("rate_limited")).path("type").asText()).isEqualTo("ERROR");
    }
  }

  @Test
  void aMessageOver64KiB_closesWith1009() throws Exception {
    var ada = platform.signUp();
    WsClient a = chat("big", ada.token());
    a.send("{\"type\":\"MESSAGE\",\"content\":\"" + "x".repeat(70 * 1024) + "\"}");
    assertThat(a.closeCode()).isEqualTo(1009);
  }

  @Test
  void aSilentClient_getsHeartbeats_thenIsClosedAfterTheIdleTimeout() throws Exception {
    var ada = platform.signUp();
    WsClient a = chat("quiet", ada.token());
    assertThat(a.next("HEARTBEAT").path("user_id").asText()).isEqualTo("system");
    assertThat(a.closeCode()).isEqualTo(1001);
  }

  @Test
  void healthAnalysisFeed_pushesEachStatusOfTheCallersPatJob_asItHappens() throws Exception {
    var ada = platform.signUp();
    var bob = platform.signUp();
    try (WsClient feed = WsClient.connect(platform.ws("/api/v1/ws/health-analysis/" + ada.userId() + "?token="
        + ada.token()));
        WsClient other = WsClient.connect(platform.ws("/api/v1/ws/health-analysis/" + bob.userId() + "?token="
            + bob.token()))) {
      feed.next("SYSTEM");
      other.next("SYSTEM");
      String jobId = JOBS.start(ada.userId());
      List<String> statuses = new ArrayList<>();
      while (!statuses.contains("COMPLETED")) {
        JsonNode m = feed.next(x -> x.path("data").path("job_id").asText().equals(jobId));
        assertThat(m.path("data").path("kind").asText()).isEqualTo(PatJobsGroup.KIND);
        statuses.add(m.path("data").path("status").asText());
      }
      assertThat(statuses).containsSubsequence("PENDING", "PROCESSING", "COMPLETED");
      other.send(java.util.Map.of("type", "HEARTBEAT"));
      other.next("HEARTBEAT");
      assertThat(other.received).noneMatch(m -> m.path("data").path("job_id").asText().equals(jobId));
    }
  }
}
