package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.HealthUploads.MOCK_PROCESSING_ID;
import static dev.apiplatform.conformance.HealthUploads.awaitFinal;
import static dev.apiplatform.conformance.HealthUploads.heartRate;
import static dev.apiplatform.conformance.HealthUploads.heartRates;
import static dev.apiplatform.conformance.HealthUploads.steps;
import static dev.apiplatform.conformance.HealthUploads.upload;
import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The health-data group (seed 003 section 1.2) on every target: uploads accepted with 202 and a
 * status link, processed on the queue to COMPLETED, listed with seed 003's cursor pagination,
 * deleted with everything derived. Every object route is owner-only (404 for another user).
 */
class HealthDataGroupTest extends OwnedGroupSuite {

  static final String UPLOAD = "/api/v1/health-data/upload";
  static final String LIST = "/api/v1/health-data";

  /** Uploads, waits for COMPLETED on the server; the processing id (the mock's documented one there). */
  String uploaded(String token, String body) {
    JsonNode accepted = ok(client().post(UPLOAD, bearer(token), body), 202).path("data");
    assertThat(accepted.path("status_url").asText()).startsWith("/api/v1/health-data/processing/");
    if (!onServer()) return MOCK_PROCESSING_ID;
    String id = accepted.path("processing_id").asText();
    assertThat(accepted.path("status").asText()).isIn("PENDING", "PROCESSING", "COMPLETED");
    assertThat(awaitFinal(client(), token, accepted.path("status_url").asText()).path("status").asText())
        .isEqualTo("COMPLETED");
    return id;
  }

  @Test
  void upload_isAccepted_thenCompleted_withWhatItHeld() {
    String id = uploaded(owner, upload(List.of(heartRate(0, 72), steps(5, 4210)), Map.of()));
    JsonNode status = ok(client().get("/api/v1/health-data/processing/" + id, bearer(owner)), 200).path("data");
    if (onServer()) {
      assertThat(status.path("metrics_processed").asInt()).isEqualTo(2);
      assertThat(status.path("attempts").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(status.path("metric_types").toString()).contains("HEART_RATE", "ACTIVITY_LEVEL");
    }
  }

  @Test
  void upload_over100Metrics_is400() {
    assertProblem(client().callBreakingContract("POST", UPLOAD,
        merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)), upload(heartRates(101), Map.of())), 400);
  }

  @Test
  void upload_implausibleHeartRate_orUnknownType_is400() {
    for (Map<String, Object> bad : List.of(heartRate(0, 400), Map.<String, Object>of("metric_type", "BLOOD_FOO",
        "biometric_data", Map.of("heart_rate", 60)))) {
      assertProblem(client().callBreakingContract("POST", UPLOAD,
          merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)), upload(List.of(bad), Map.of())), 400);
    }
  }

  @Test
  void upload_metricWithoutItsDataBlock_is400_namingTheMetric() {
    String body = upload(List.of(heartRate(0, 70), Map.of("metric_type", "SLEEP_ANALYSIS",
        "activity_data", Map.of("steps", 3))), Map.of());
    JsonNode problem = assertProblem(client().post(UPLOAD, merge(bearer(owner), producing(400)), body), 400);
    if (onServer()) assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("body.metrics[1].sleep_data");
  }

  @Test
  void upload_diastolicNotBelowSystolic_is400() {
    String body = upload(List.of(Map.of("metric_type", "BLOOD_PRESSURE",
        "biometric_data", Map.of("systolic_bp", 110, "diastolic_bp", 120))), Map.of());
    JsonNode problem = assertProblem(client().post(UPLOAD, merge(bearer(owner), producing(400)), body), 400);
    if (onServer()) {
      assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("body.metrics[0].biometric_data.diastolic_bp");
    }
  }

  @Test
  void upload_forAnotherUserId_is403_ownIsAccepted() {
    assertProblem(client().post(UPLOAD, merge(bearer(owner), producing(403)),
        upload(List.of(heartRate(0, 70)), Map.of("user_id", MarketUsers.userId(other)))), 403);
    ok(client().post(UPLOAD, bearer(owner), upload(List.of(heartRate(0, 70)),
        Map.of("user_id", MarketUsers.userId(owner)))), 202);
  }

  @Test
  void upload_sameSyncToken_answersTheFirstUpload() {
    String body = upload(List.of(heartRate(0, 70)), Map.of("sync_token", "sync-" + UUID.randomUUID()));
    JsonNode first = ok(client().post(UPLOAD, bearer(owner), body), 202).path("data");
    JsonNode again = ok(client().post(UPLOAD, bearer(owner), body), 202).path("data");
    if (onServer()) assertThat(again.path("processing_id")).isEqualTo(first.path("processing_id"));
  }

  @Test
  void upload_idempotencyKey_replaysTheFirst_anotherBodyIs422() {
    Map<String, String> key = Map.of("Idempotency-Key", "hd-" + UUID.randomUUID());
    JsonNode first = ok(client().post(UPLOAD, merge(bearer(owner), key), upload(List.of(heartRate(0, 70)), Map.of())),
        202).path("data");
    JsonNode again = ok(client().post(UPLOAD, merge(bearer(owner), key), upload(List.of(heartRate(0, 70)), Map.of())),
        202).path("data");
    if (onServer()) assertThat(again.path("processing_id")).isEqualTo(first.path("processing_id"));
    assertProblem(client().post(UPLOAD, merge(merge(bearer(owner), key), producing(422)),
        upload(List.of(heartRate(0, 99)), Map.of())), 422);
  }

  @Test
  void upload_notJson_is415_oversized_is413() {
    assertProblem(client().callBreakingContract("POST", UPLOAD,
        merge(merge(bearer(owner), Map.of("Content-Type", "text/plain")), producing(415)), "hello"), 415);
    String big = "{\"upload_source\":\"" + "a".repeat(1024 * 1024 + 16) + "\"}";
    assertProblem(client().callBreakingContract("POST", UPLOAD,
        merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(413)), big), 413);
  }

  @Test
  void upload_withoutAValidToken_is401() {
    assertUnauthorized(client().post(UPLOAD, merge(bearer("not.a.token"), producing(401)),
        upload(List.of(heartRate(0, 70)), Map.of())), true);
  }

  @Test
  void processing_ofAnotherUsersUpload_is404_malformedIdIs400_noTokenIs401() {
    String id = uploaded(owner, upload(List.of(heartRate(0, 70)), Map.of()));
    assertProblem(client().get("/api/v1/health-data/processing/" + id, merge(bearer(other), producing(404))), 404);
    assertProblem(client().callBreakingContract("GET", "/api/v1/health-data/processing/nope",
        merge(bearer(owner), producing(400)), null), 400);
    assertUnauthorized(client().get("/api/v1/health-data/processing/" + id,
        merge(bearer("not.a.token"), producing(401))), true);
  }

  @Test
  void list_pagesWithCursors_newestFirst_onlyTheCallersMetrics() {
    List<Map<String, Object>> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) five.add(heartRate(i, 60 + i));
    uploaded(owner, upload(five, Map.of()));
    uploaded(other, upload(List.of(heartRate(0, 99)), Map.of()));
    JsonNode first = ok(client().get(LIST + "?limit=2", bearer(owner)), 200);
    if (!onServer()) return;
    assertThat(first.path("pagination").path("page_size").asInt()).isEqualTo(2);
    assertThat(first.path("pagination").path("total_count").asInt()).isEqualTo(5);
    assertThat(first.path("pagination").path("has_previous").asBoolean()).isFalse();
    List<Double> seen = new ArrayList<>();
    JsonNode page = first;
    while (true) {
      page.path("data").forEach(m -> seen.add(m.path("biometric_data").path("heart_rate").asDouble()));
      if (!page.path("pagination").path("has_next").asBoolean()) break;
      assertThat(page.path("links").path("next").asText()).contains("cursor=");
      page = ok(client().get(LIST + "?limit=2&cursor=" + page.path("pagination").path("next_cursor").asText(),
          bearer(owner)), 200);
      assertThat(page.path("pagination").path("has_previous").asBoolean()).isTrue();
    }
    assertThat(seen).containsExactly(64.0, 63.0, 62.0, 61.0, 60.0);
  }

  @Test
  void list_filtersByTypeAndTimeRange_andTheDoubleSlashSpellingIsTheSame() {
    uploaded(owner, upload(List.of(heartRate(0, 70), heartRate(30, 80), steps(10, 500)), Map.of()));
    JsonNode hearts = ok(client().get(LIST + "?metric_type=HEART_RATE", bearer(owner)), 200);
    JsonNode window = ok(client().get(LIST + "?start_date=2025-06-17T10:05:00Z&end_date=2025-06-17T10:30:00Z",
        bearer(owner)), 200);
    if (!onServer()) return;
    // seed 003's spellings of the path: the same operation (outside the contract's exact templates)
    ContractClient.Exchange t = client().outsideContract("GET", "/api/v1/health-data/?metric_type=HEART_RATE",
        bearer(owner), null);
    ContractClient.Exchange d = client().outsideContract("GET", "/api/v1/health-data//?metric_type=HEART_RATE",
        bearer(owner), null);
    assertThat(t.status()).as("trailing slash: %s", t.body()).isEqualTo(200);
    assertThat(d.status()).as("double slash: %s", d.body()).isEqualTo(200);
    JsonNode trailing = IdentityContract.json(t);
    JsonNode doubled = IdentityContract.json(d);
    assertThat(hearts.path("data").size()).isEqualTo(2);
    assertThat(window.path("data").size()).isEqualTo(1);
    assertThat(window.path("data").get(0).path("metric_type").asText()).isEqualTo("ACTIVITY_LEVEL");
    assertThat(trailing.path("data")).isEqualTo(hearts.path("data"));
    assertThat(doubled.path("data")).isEqualTo(hearts.path("data"));
  }

  @Test
  void list_foreignCursor_orEmptyWindow_orBadType_is400_noTokenIs401() {
    assertProblem(client().get(LIST + "?cursor=bm90LWEtY3Vyc29y", merge(bearer(owner), producing(400))), 400);
    assertProblem(client().get(LIST + "?start_date=2025-06-17T11:00:00Z&end_date=2025-06-17T10:00:00Z",
        merge(bearer(owner), producing(400))), 400);
    assertProblem(client().callBreakingContract("GET", LIST + "?metric_type=STEPS",
        merge(bearer(owner), producing(400)), null), 400);
    assertProblem(client().callBreakingContract("GET", LIST + "?limit=1001",
        merge(bearer(owner), producing(400)), null), 400);
    assertUnauthorized(client().get(LIST, merge(bearer("not.a.token"), producing(401))), true);
  }

  @Test
  void delete_removesTheUploadAndItsMetrics_onlyForTheOwner() {
    String id = uploaded(owner, upload(List.of(heartRate(0, 70), heartRate(1, 71)), Map.of()));
    assertProblem(client().call("DELETE", "/api/v1/health-data/" + id, merge(bearer(other), producing(404)), null), 404);
    JsonNode deleted = ok(client().call("DELETE", "/api/v1/health-data/" + id, bearer(owner), null), 200).path("data");
    assertThat(deleted.path("deleted").asBoolean()).isTrue();
    if (!onServer()) return;
    assertThat(deleted.path("metrics_deleted").asInt()).isEqualTo(2);
    assertThat(ok(client().get(LIST, bearer(owner)), 200).path("pagination").path("total_count").asInt()).isZero();
    assertProblem(client().get("/api/v1/health-data/processing/" + id, bearer(owner)), 404);
    assertProblem(client().call("DELETE", "/api/v1/health-data/" + id, bearer(owner), null), 404);
  }

  @Test
  void delete_malformedId_is400_noTokenIs401() {
    assertProblem(client().callBreakingContract("DELETE", "/api/v1/health-data/not-an-id",
        merge(bearer(owner), producing(400)), null), 400);
    assertUnauthorized(client().call("DELETE", "/api/v1/health-data/" + MOCK_PROCESSING_ID,
        merge(bearer("not.a.token"), producing(401)), null), true);
  }

  @Test
  void health_isHealthy_withoutSignIn() {
    assertThat(ok(client().get("/api/v1/health-data/health"), 200).path("status").asText()).isEqualTo("healthy");
  }
}
