package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PAT through the running server with realistic sizes: a week of minute counts analysed and
 * answered again by id; four weeks of minute counts are over the contract's 20 000-point cap and
 * the 1 MiB body limit, which answers first (413).
 */
class PatFlowsTest {

  private final ContractClient server = Targets.client(Targets.SERVER);

  /** Minute counts for {@code days} days: 23:00-07:00 still (one short awakening at 03:00), active otherwise. */
  static String minuteCounts(int days) {
    List<Map<String, Object>> points = new ArrayList<>(days * 1440);
    for (int i = 0; i < days * 1440; i++) {
      int m = i % 1440;
      boolean night = m >= 23 * 60 || m < 7 * 60;
      boolean awake = m >= 3 * 60 && m < 3 * 60 + 12;
      int value = night ? (awake ? 180 : 0) : 120 + (i * 37 % 11) * 25;
      points.add(Map.of("timestamp", PatGroupTest.MONDAY.plus(i, ChronoUnit.MINUTES).toString(), "value", value));
    }
    return PatGroupTest.json(Map.of("sampling_rate", 1, "data_points", points));
  }

  @Test
  void aWeekOfMinuteCounts_givesSixNightsOfAboutEightHours_andAStrongRhythm_storedForItsOwner() {
    String token = MarketUsers.token(server);
    JsonNode body = ok(server.post("/api/v1/pat/analyze", bearer(token), minuteCounts(7)), 200);
    JsonNode a = body.path("data").path("analysis");
    JsonNode sleep = a.path("sleep_metrics");
    // the first night starts at the recording's start and the last ends at its end: truncated
    assertThat(sleep.path("nights").asInt()).isBetween(5, 7);
    assertThat(sleep.path("mean_total_sleep_minutes").asDouble()).isBetween(400.0, 490.0);
    assertThat(sleep.path("mean_awakenings").asDouble()).isBetween(0.5, 2.0);
    JsonNode np = a.path("circadian_rhythm").path("non_parametric");
    assertThat(np.path("interdaily_stability").asDouble()).isGreaterThan(0.9);
    // L5 starts in the still night window
    int l5 = np.path("l5_start_minute").asInt();
    assertThat(l5 >= 23 * 60 || l5 <= 2 * 60).as("L5 start %d", l5).isTrue();
    assertThat(a.path("confidence_scores").path("data_completeness").asDouble()).isEqualTo(1.0);

    String id = body.path("data").path("processing_id").asText();
    assertThat(ok(server.get("/api/v1/pat/analysis/" + id, bearer(token)), 200).path("data"))
        .isEqualTo(body.path("data"));
  }

  @Test
  void fourWeeksOfMinuteCounts_overTheCapAndTheBodyLimit_is413() {
    String token = MarketUsers.token(server);
    String fourWeeks = minuteCounts(28);
    assertThat(fourWeeks.length()).isGreaterThan(1024 * 1024);
    assertProblem(server.callBreakingContract("POST", "/api/v1/pat/analyze",
        merge(bearer(token), ItemsGroupTest.jsonType()), fourWeeks), 413);
  }
}
