package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The PAT group (seed 003 section 1.3) on every target: analyses in the {@code data} +
 * {@code metadata} envelope, stored per owner (another user's is 404), library refusals as 400
 * problems with {@code errors[]}. The server's values are checked for plausibility on a
 * synthetic week; the mock answers the documented shapes.
 */
class PatGroupTest extends OwnedGroupSuite {

  static final Instant MONDAY = Instant.parse("2025-06-16T00:00:00Z");
  static final String MOCK_PROCESSING_ID = "5b0f9e2c-1f7a-4b8e-9a3d-2c4e6f8a0b1c";

  /** A week of step samples: walking 07:00-23:00 UTC, nothing at night. */
  static String weekOfSteps(Map<String, Object> extra) {
    List<Map<String, Object>> samples = new ArrayList<>();
    for (int day = 0; day < 7; day++) {
      for (int half = 14; half < 46; half++) {
        Instant start = MONDAY.plus(day, ChronoUnit.DAYS).plus(half * 30L, ChronoUnit.MINUTES);
        samples.add(Map.of("start_date", start.toString(), "end_date", start.plus(30, ChronoUnit.MINUTES).toString(),
            "value", 400 + 20 * (half % 5), "source", "iPhone"));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>(extra);
    body.put("step_data", samples);
    return json(body);
  }

  /** Two days of minute counts: active 07:00-23:00, still at night. */
  static String twoDaysOfCounts() {
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < 2 * 1440; i++) {
      int minuteOfDay = i % 1440;
      points.add(Map.of("timestamp", MONDAY.plus(i, ChronoUnit.MINUTES).toString(),
          "value", minuteOfDay >= 420 && minuteOfDay < 1380 ? 150 + (i % 9) * 20 : 0));
    }
    return json(Map.of("sampling_rate", 1.0, "duration_hours", 48, "data_points", points));
  }

  static String json(Object value) {
    try {
      return Identities.JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertEnvelope(JsonNode body) {
    assertThat(body.path("data").path("processing_id").asText()).hasSize(36);
    assertThat(body.path("data").path("status").asText()).isEqualTo("completed");
    assertThat(body.path("metadata").path("request_id").asText()).isNotBlank();
    assertThat(body.path("data").path("analysis").path("feature_embeddings").size()).isEqualTo(44);
  }

  // --- analyze-step-data ------------------------------------------------------------------

  @Test
  void analyzeStepData_aWeek_is200_withPlausibleNightsAndRhythm() {
    JsonNode body = ok(client().post("/api/v1/pat/analyze-step-data", bearer(owner), weekOfSteps(Map.of())), 200);
    assertEnvelope(body);
    if (onServer()) {
      JsonNode a = body.path("data").path("analysis");
      assertThat(body.path("data").path("input_type").asText()).isEqualTo("step_data");
      assertThat(body.path("metadata").path("service").asText()).isEqualTo("pat");
      assertThat(a.path("sleep_metrics").path("nights").asInt()).isGreaterThanOrEqualTo(5);
      assertThat(a.path("sleep_metrics").path("mean_total_sleep_minutes").asDouble()).isBetween(420.0, 500.0);
      assertThat(a.path("circadian_rhythm").path("non_parametric").path("interdaily_stability").asDouble())
          .isGreaterThan(0.8);
      assertThat(a.path("confidence_scores").path("valid_days").asInt()).isGreaterThanOrEqualTo(6);
    }
  }

  @Test
  void analyzeStepData_sampleEndingBeforeItStarts_is400_namingTheField() {
    String bad = json(Map.of("step_data", List.of(Map.of("start_date", "2025-06-16T10:00:00Z",
        "end_date", "2025-06-16T09:00:00Z", "value", 10))));
    JsonNode problem = assertProblem(client().post("/api/v1/pat/analyze-step-data",
        merge(bearer(owner), producing(400)), bad), 400);
    if (onServer()) assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("body.step_data");
  }

  @Test
  void analyzeStepData_negativeSteps_orNoSamples_is400() {
    for (String bad : new String[] {
        json(Map.of("step_data", List.of(Map.of("start_date", "2025-06-16T10:00:00Z",
            "end_date", "2025-06-16T11:00:00Z", "value", -1)))),
        json(Map.of("step_data", List.of()))}) {
      assertProblem(client().callBreakingContract("POST", "/api/v1/pat/analyze-step-data",
          merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)), bad), 400);
    }
  }

  @Test
  void analyzeStepData_forAnotherUserId_is403() {
    assertProblem(client().post("/api/v1/pat/analyze-step-data", merge(bearer(owner), producing(403)),
        weekOfSteps(Map.of("user_id", MarketUsers.userId(other)))), 403);
  }

  @Test
  void analyzeStepData_withoutAValidToken_is401() {
    assertUnauthorized(client().post("/api/v1/pat/analyze-step-data", merge(bearer("not.a.token"), producing(401)),
        weekOfSteps(Map.of())), true);
  }

  // --- analyze ----------------------------------------------------------------------------

  @Test
  void analyze_minuteCounts_is200_scoredByColeKripkeAndSadeh() {
    JsonNode body = ok(client().post("/api/v1/pat/analyze", bearer(owner), twoDaysOfCounts()), 200);
    assertEnvelope(body);
    if (onServer()) {
      JsonNode a = body.path("data").path("analysis");
      assertThat(body.path("data").path("input_type").asText()).isEqualTo("actigraphy");
      assertThat(a.path("sleep_metrics").path("scoring_algorithm").asText()).containsIgnoringCase("cole");
      assertThat(a.path("secondary_sleep_metrics").path("scoring_algorithm").asText()).containsIgnoringCase("sadeh");
      assertThat(a.path("activity_patterns").path("observed_minutes").asInt()).isEqualTo(2 * 1440);
    }
  }

  @Test
  void analyze_ownUserId_isAccepted_anotherUsers_is403() {
    String mine = json(Map.of("user_id", MarketUsers.userId(owner), "data_points",
        List.of(Map.of("timestamp", "2025-06-16T22:00:00Z", "value", 3))));
    assertEnvelope(ok(client().post("/api/v1/pat/analyze", bearer(owner), mine), 200));
    String theirs = json(Map.of("user_id", MarketUsers.userId(other), "data_points",
        List.of(Map.of("timestamp", "2025-06-16T22:00:00Z", "value", 3))));
    assertProblem(client().post("/api/v1/pat/analyze", merge(bearer(owner), producing(403)), theirs), 403);
  }

  @Test
  void analyze_spanOver62Days_orUnknownTimezone_is400() {
    String tooLong = json(Map.of("data_points", List.of(Map.of("timestamp", "2025-01-01T00:00:00Z", "value", 1),
        Map.of("timestamp", "2025-04-01T00:00:00Z", "value", 1))));
    JsonNode problem = assertProblem(client().post("/api/v1/pat/analyze", merge(bearer(owner), producing(400)),
        tooLong), 400);
    if (onServer()) assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("body.data_points");
    String zone = json(Map.of("timezone", "Mars/Olympus", "data_points",
        List.of(Map.of("timestamp", "2025-06-16T22:00:00Z", "value", 3))));
    problem = assertProblem(client().post("/api/v1/pat/analyze", merge(bearer(owner), producing(400)), zone), 400);
    if (onServer()) assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("body.timezone");
  }

  @Test
  void analyze_unknownField_orZeroSamplingRate_is400() {
    for (String bad : new String[] {
        json(Map.of("data_points", List.of(Map.of("timestamp", "2025-06-16T22:00:00Z", "value", 3)), "model", "PAT-L")),
        json(Map.of("sampling_rate", 0, "data_points", List.of(Map.of("timestamp", "2025-06-16T22:00:00Z", "value", 3))))}) {
      assertProblem(client().callBreakingContract("POST", "/api/v1/pat/analyze",
          merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)), bad), 400);
    }
  }

  @Test
  void analyze_withoutAValidToken_is401() {
    assertUnauthorized(client().post("/api/v1/pat/analyze", merge(bearer("not.a.token"), producing(401)),
        twoDaysOfCounts()), true);
  }

  // --- analysis/{processing_id} -----------------------------------------------------------

  @Test
  void getAnalysis_theOwners_is200_sameAnalysis_anotherUsers_is404() {
    JsonNode made = ok(client().post("/api/v1/pat/analyze-step-data", bearer(owner), weekOfSteps(Map.of())), 200);
    String id = onServer() ? made.path("data").path("processing_id").asText() : MOCK_PROCESSING_ID;
    JsonNode again = ok(client().get("/api/v1/pat/analysis/" + id, bearer(owner)), 200);
    assertEnvelope(again);
    if (onServer()) {
      assertThat(again.path("data")).isEqualTo(made.path("data"));
    }
    assertProblem(client().get("/api/v1/pat/analysis/" + id, merge(bearer(other), producing(404))), 404);
  }

  @Test
  void getAnalysis_malformedId_is400() {
    assertProblem(client().callBreakingContract("GET", "/api/v1/pat/analysis/not-a-uuid",
        merge(bearer(owner), producing(400)), null), 400);
  }

  @Test
  void getAnalysis_withoutAValidToken_is401() {
    assertUnauthorized(client().get("/api/v1/pat/analysis/" + MOCK_PROCESSING_ID,
        merge(bearer("not.a.token"), producing(401))), true);
  }

  // --- models/info, health ----------------------------------------------------------------

  @Test
  void modelsInfo_namesThePublishedMethods_andNoLoadedEncoder() {
    JsonNode body = ok(client().get("/api/v1/pat/models/info", bearer(owner)), 200);
    if (onServer()) {
      JsonNode info = body.path("data");
      List<String> ids = new ArrayList<>();
      info.path("methods").forEach(m -> ids.add(m.path("id").asText()));
      assertThat(ids).contains("cole_kripke_1992", "sadeh_1994", "webster_1982", "witting_1990",
          "van_someren_1997", "cornelissen_2014");
      assertThat(info.path("encoder").path("loaded").asBoolean()).isFalse();
      assertThat(info.path("feature_names").size()).isEqualTo(44);
    }
  }

  @Test
  void modelsInfo_withoutAValidToken_is401() {
    assertUnauthorized(client().get("/api/v1/pat/models/info", merge(bearer("not.a.token"), producing(401))), true);
  }

  @Test
  void health_isHealthy_forASignedInCaller() {
    JsonNode body = ok(client().get("/api/v1/pat/health", bearer(owner)), 200);
    assertThat(body.path("status").asText()).isEqualTo("healthy");
  }

  @Test
  void health_withoutAValidToken_is401() {
    assertUnauthorized(client().get("/api/v1/pat/health", merge(bearer("not.a.token"), producing(401))), true);
  }
}
