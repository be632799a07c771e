package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The HTTP side of the WebSocket group on every target: the chat lookups show only rooms the
 * caller is connected to (on the server, a real WebSocket connection puts the caller in a room),
 * and the AsyncAPI document is served. The channels themselves: server module, WebSocketTest.
 */
class WsGroupTest extends GroupSuite {

  /** On the server, a connection to {@code room} open while {@code check} runs. */
  void inRoom(String room, String token, Runnable check) throws Exception {
    if (!onServer()) {
      check.run();
      return;
    }
    URI base = Targets.platform().baseUri();
    CountDownLatch joined = new CountDownLatch(1);
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
        URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/v1/ws/chat/" + room + "?token=" + token),
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            joined.countDown();
            ws.request(1);
            return null;
          }
        }).join();
    try {
      assertThat(joined.await(20, TimeUnit.SECONDS)).isTrue();
      check.run();
    } finally {
      socket.abort();
    }
  }

  @Test
  void chatStats_andUsers_showTheCallersRoom_only() throws Exception {
    String token = MarketUsers.token(client());
    String outsider = MarketUsers.token(client());
    inRoom("conformance-room", token, () -> {
      JsonNode stats = ok(client().get("/api/v1/ws/chat/stats", bearer(token)), 200).path("data");
      JsonNode users = ok(client().get("/api/v1/ws/chat/users/conformance-room", bearer(token)), 200).path("data");
      if (onServer()) {
        assertThat(stats.path("rooms").findValuesAsText("room_id")).containsExactly("conformance-room");
        assertThat(users.path("users").findValuesAsText("user_id")).containsExactly(MarketUsers.userId(token));
        assertThat(ok(client().get("/api/v1/ws/chat/stats", bearer(outsider)), 200).path("data").path("rooms").size())
            .isZero();
      }
      assertProblem(client().get("/api/v1/ws/chat/users/conformance-room", merge(bearer(outsider), producing(404))),
          404);
    });
  }

  @Test
  void chatLookups_needAToken_andAWellFormedRoom() {
    assertUnauthorized(client().get("/api/v1/ws/chat/stats", merge(bearer("not.a.token"), producing(401))), true);
    assertUnauthorized(client().get("/api/v1/ws/chat/users/r1", merge(bearer("not.a.token"), producing(401))), true);
    String token = MarketUsers.token(client());
    assertProblem(client().callBreakingContract("GET", "/api/v1/ws/chat/users/no%20spaces",
        merge(bearer(token), producing(400)), null), 400);
  }

  @Test
  void asyncApi_isServed() {
    var doc = client().get("/asyncapi.yaml");
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.body()).contains("asyncapi:");
  }
}
