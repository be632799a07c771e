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

/** Motion's events group (seed 001 `Events`) on every target: public reads, JWT creation and LLM search. */
class EventsGroupTest extends GroupSuite {

  MotionUsers.Caller me;

  @BeforeEach
  void caller() {
    me = MotionUsers.signUp(client());
  }

  @Test
  void create_thenGet_listByOrganizer_andSearch() {
    String id = MotionUsers.event(client(), me);
    JsonNode event = ok(client().get("/events/" + id), 200).path("event");
    assertThat(event.path("name").asText()).isNotBlank();
    JsonNode mine = ok(client().get("/events/by-user?email=" + me.email() + "&limit=10"), 200);
    assertThat(mine.path("count").asInt()).isEqualTo(mine.path("items").size());
    JsonNode found = ok(client().get("/events/search?lat=34.0736&lng=-84.2814&radiusMiles=15&date=2025-10-01"), 200);
    assertThat(found.path("count").asInt()).isEqualTo(found.path("items").size());
    if (onServer()) {
      assertThat(event.path("createdByEmail").asText()).isEqualTo(me.email());
      assertThat(found.path("items").findValuesAsText("eventId")).contains(id);
      assertThat(mine.path("items").findValuesAsText("eventId")).containsExactly(id);
    }
  }

  @Test
  void create_withoutAToken_is401_andWithoutAnEnd_is400() {
    String json = "{\"name\":\"X\",\"dateTime\":\"2025-10-01T15:00:00Z\",\"coordinates\":{\"lat\":1,\"lng\":1}}";
    assertUnauthorized(client().callBreakingContract("POST", "/events",
        merge(producing(401), AccountGroupTest.jsonType()), json), false);
    assertProblem(client().post("/events", merge(bearer(me.token()), producing(400)), json), 400);
  }

  @Test
  void search_withoutAPlace_orTooWide_is400() {
    assertProblem(client().get("/events/search?date=2025-10-01", producing(400)), 400);
    assertProblem(client().callBreakingContract("GET", "/events/search?lat=34&lng=-84&radiusMiles=500",
        producing(400), null), 400);
    assertProblem(client().callBreakingContract("GET", "/events/by-user?email=a@example.com&limit=1001",
        producing(400), null), 400);
  }

  @Test
  void unknownEvents_are404() {
    assertProblem(client().get("/events/no-such-event", producing(404)), 404);
    assertProblem(client().get("/ai-events/no-such-event", producing(404)), 404);
  }

  @Test
  void searchAi_needsAToken_andWithoutAnLlm_is503NamingTheSetting() {
    String q = "/events/search-ai?lat=34.0736&lng=-84.2814&start_date=2025-10-02&end_date=2025-10-05"
        + "&timezone=America/New_York";
    assertUnauthorized(client().callBreakingContract("GET", q, producing(401), null), false);
    JsonNode problem = assertProblem(client().get(q, merge(bearer(me.token()), producing(503))), 503);
    if (onServer()) assertThat(problem.path("detail").asText()).contains("GEMINI_API_KEY");
  }
}
