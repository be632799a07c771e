package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Motion's users group (seed 001 `/users/*`) on every target: the bearer token is required, and
 * an `email` that is not the caller's is 403; saved events are {eventId, source} pairs.
 */
class UsersGroupTest extends GroupSuite {

  MotionUsers.Caller me;
  MotionUsers.Caller other;

  @BeforeEach
  void callers() {
    me = MotionUsers.signUp(client());
    other = onServer() ? MotionUsers.signUp(client()) : new MotionUsers.Caller("other@example.com", me.token());
  }

  @Test
  void profile_ofTheCaller_withOrWithoutEmail_is200() {
    JsonNode p = ok(client().get("/users/profile?email=" + me.email(), bearer(me.token())), 200).path("profile");
    assertThat(p.path("isVerified").isBoolean()).isTrue();
    assertThat(p.path("savedEvents").isArray()).isTrue();
    if (onServer()) assertThat(p.path("email").asText()).isEqualTo(me.email());
    ok(client().get("/users/profile", bearer(me.token())), 200);
  }

  @Test
  void everyUsersRoute_withAnotherUsersEmail_is403() {
    Map<String, String> h = merge(bearer(me.token()), producing(403));
    assertProblem(client().get("/users/profile?email=" + other.email(), h), 403);
    assertProblem(client().get("/users/saved-events?email=" + other.email(), h), 403);
    Map<String, String> json = merge(h, AccountGroupTest.jsonType());
    assertProblem(client().call("POST", "/users/saved-events", json,
        "{\"email\":\"" + other.email() + "\",\"source\":\"motion\",\"eventId\":\"ev-1\"}"), 403);
    assertProblem(client().call("DELETE", "/users/saved-events", json,
        "{\"email\":\"" + other.email() + "\",\"eventId\":\"ev-1\"}"), 403);
  }

  @Test
  void everyUsersRoute_withoutAToken_is401() {
    assertUnauthorized(client().callBreakingContract("GET", "/users/profile", producing(401), null), false);
    assertUnauthorized(client().callBreakingContract("GET", "/users/saved-events", producing(401), null), false);
    Map<String, String> json = merge(producing(401), AccountGroupTest.jsonType());
    assertUnauthorized(client().callBreakingContract("POST", "/users/saved-events", json,
        "{\"source\":\"motion\",\"eventId\":\"ev-1\"}"), false);
    assertUnauthorized(client().callBreakingContract("DELETE", "/users/saved-events", json,
        "{\"eventId\":\"ev-1\"}"), false);
  }

  @Test
  void saveList_andRemove_aMotionEvent() {
    String id = MotionUsers.event(client(), me);
    Map<String, String> json = merge(bearer(me.token()), AccountGroupTest.jsonType());
    JsonNode saved = ok(client().call("POST", "/users/saved-events", json,
        "{\"source\":\"motion\",\"eventId\":\"" + id + "\"}"), 200);
    assertThat(saved.path("savedEvents").isArray()).isTrue();
    JsonNode list = ok(client().get("/users/saved-events", bearer(me.token())), 200);
    assertThat(list.path("count").asInt()).isEqualTo(list.path("items").size());
    JsonNode removed = ok(client().call("DELETE", "/users/saved-events", json,
        "{\"eventId\":\"" + id + "\",\"source\":\"motion\"}"), 200);
    if (onServer()) {
      assertThat(saved.path("savedEvents").get(0).path("eventId").asText()).isEqualTo(id);
      assertThat(removed.path("message").asText()).isEqualTo("Event removed");
      assertThat(removed.path("savedEvents")).isEmpty();
    }
  }

  @Test
  void saveAnAiEvent_isReadableAtAiEvents() {
    Map<String, String> json = merge(bearer(me.token()), AccountGroupTest.jsonType());
    JsonNode saved = ok(client().call("POST", "/users/saved-events", json, "{\"source\":\"ai\",\"event\":{"
        + "\"title\":\"Downtown Art Walk\",\"start_date\":\"2025-10-02\",\"timezone\":\"America/New_York\","
        + "\"source_url\":\"https://example.com/events/art-walk\"}}"), 200);
    JsonNode last = saved.path("savedEvents").get(saved.path("savedEvents").size() - 1);
    assertThat(last.path("source").asText()).isEqualTo("ai");
    JsonNode event = ok(client().get("/ai-events/" + last.path("eventId").asText()), 200).path("event");
    assertThat(event.path("title").asText()).isNotBlank();
  }

  @Test
  void saving_anUnknownMotionEvent_is404_andAnAiEventWithoutItsFields_is400() {
    Map<String, String> json = merge(bearer(me.token()), AccountGroupTest.jsonType());
    assertProblem(client().call("POST", "/users/saved-events", merge(json, producing(404)),
        "{\"source\":\"motion\",\"eventId\":\"no-such-event\"}"), 404);
    assertProblem(client().callBreakingContract("POST", "/users/saved-events", merge(json, producing(400)),
        "{\"source\":\"ai\",\"event\":{\"title\":\"No date\"}}"), 400);
    assertProblem(client().callBreakingContract("POST", "/users/saved-events", merge(json, producing(400)),
        "{\"eventId\":\"ev-1\"}"), 400);
  }

  @Test
  void removing_anEventNotSaved_is200WithTheSeedsMessage() {
    Map<String, String> json = merge(bearer(me.token()), AccountGroupTest.jsonType());
    JsonNode r = ok(client().call("DELETE", "/users/saved-events", json, "{\"eventId\":\"never-saved\"}"), 200);
    if (onServer()) assertThat(r.path("message").asText()).isEqualTo("Event not found in saved list");
  }
}
