package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The insights group (seed 003 section 1.4) on every target. The conformance platform has no LLM
 * provider, so the server answers with the rules ({@code generated_by: rules}); the model path is
 * proven against WireMock in the server module (InsightsFlowTest, LlmInsightsTest).
 */
class InsightsGroupTest extends OwnedGroupSuite {

  static final String MOCK_INSIGHT_ID = "0f8b6a2e-3c4d-3e5f-8a9b-0c1d2e3f4a5b";

  static String sleep(double minutes) {
    return PatGroupTest.json(Map.of("analysis_results", Map.of("total_sleep_minutes", minutes,
        "sleep_efficiency", 0.82), "insight_type", "sleep"));
  }

  @Test
  void generate_isTheRulesInsight_withTheNotice_andTheSameInputsAnswerTheSameId() {
    JsonNode first = ok(client().post("/api/v1/insights/generate", bearer(owner), sleep(395)), 200);
    JsonNode data = first.path("data");
    assertThat(data.path("disclaimer").asText()).isNotBlank();
    assertThat(first.path("metadata").path("request_id").asText()).isNotBlank();
    if (onServer()) {
      assertThat(data.path("generated_by").asText()).isEqualTo("rules");
      assertThat(data.path("key_insights").get(0).asText()).contains("6.6 hours");
      JsonNode again = ok(client().post("/api/v1/insights/generate", bearer(owner), sleep(395)), 200);
      assertThat(again.path("data").path("insight_id").asText()).isEqualTo(data.path("insight_id").asText());
    }
  }

  @Test
  void generate_withoutInputs_orWithAnUnknownMetric_is400() {
    assertProblem(client().post("/api/v1/insights/generate", merge(bearer(owner), producing(400)), "{}"), 400);
    assertProblem(client().callBreakingContract("POST", "/api/v1/insights/generate",
        merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)),
        "{\"analysis_results\":{\"mood\":3}}"), 400);
  }

  @Test
  void generate_withAnotherUsersAnalysis_is404_andWithoutAToken_is401() {
    String unknown = PatGroupTest.json(Map.of("analysis_ids", List.of(PatGroupTest.MOCK_PROCESSING_ID)));
    assertProblem(client().post("/api/v1/insights/generate", merge(bearer(owner), producing(404)), unknown), 404);
    assertUnauthorized(client().post("/api/v1/insights/generate", merge(bearer("not.a.token"), producing(401)),
        sleep(400)), true);
  }

  @Test
  void get_theOwners_is200_anotherUsers_is404() {
    String id = onServer()
        ? ok(client().post("/api/v1/insights/generate", bearer(owner), sleep(401)), 200).path("data")
            .path("insight_id").asText()
        : MOCK_INSIGHT_ID;
    ok(client().get("/api/v1/insights/" + id, bearer(owner)), 200);
    assertProblem(client().get("/api/v1/insights/" + id, merge(bearer(other), producing(404))), 404);
    assertProblem(client().callBreakingContract("GET", "/api/v1/insights/not-an-id",
        merge(bearer(owner), producing(400)), null), 400);
    assertUnauthorized(client().get("/api/v1/insights/" + id, merge(bearer("not.a.token"), producing(401))), true);
  }

  @Test
  void history_own_is200_anotherPatients_is403() {
    String me = MarketUsers.userId(owner);
    if (onServer()) client().post("/api/v1/insights/generate", bearer(owner), sleep(402));
    JsonNode page = ok(client().get("/api/v1/insights/history/" + me + "?limit=5", bearer(owner)), 200);
    if (onServer()) assertThat(page.path("data").size()).isEqualTo(1);
    assertProblem(client().get("/api/v1/insights/history/" + me, merge(bearer(other), producing(403))), 403);
    assertProblem(client().get("/api/v1/insights/history/" + me + "?cursor=bm9wZQ",
        merge(bearer(owner), producing(400))), 400);
    assertUnauthorized(client().get("/api/v1/insights/history/" + me, merge(bearer("not.a.token"), producing(401))),
        true);
  }

  @Test
  void status_saysWhoGenerates() {
    JsonNode status = ok(client().get("/api/v1/insights/status", bearer(owner)), 200);
    if (onServer()) assertThat(status.path("data").path("generated_by").asText()).isEqualTo("rules");
    assertUnauthorized(client().get("/api/v1/insights/status", merge(bearer("not.a.token"), producing(401))), true);
  }
}
