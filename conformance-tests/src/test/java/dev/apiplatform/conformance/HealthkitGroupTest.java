package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.HealthUploads.MOCK_UPLOAD_ID;
import static dev.apiplatform.conformance.HealthUploads.awaitFinal;
import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The HealthKit group (seed 003 section 1.5) on every target: an export is accepted with 202 and
 * a status link and processed to COMPLETED with its steps; the presigned variant hands out a URL
 * and completes only what was PUT; every upload is owner-only (404 for another user); bad input
 * is a problem document.
 */
class HealthkitGroupTest extends OwnedGroupSuite {

  static final String UPLOAD = "/api/v1/healthkit/upload";
  static final String STATUS = "/api/v1/healthkit/upload-status/";

  static String export(int steps) {
    return "{\"export_date\":\"2025-06-17T10:30:00Z\",\"samples\":[{\"type\":\"HKQuantityTypeIdentifierStepCount\","
        + "\"start_date\":\"2025-06-16T07:00:00Z\",\"end_date\":\"2025-06-16T07:10:00Z\",\"value\":" + steps
        + ",\"unit\":\"count\"},{\"type\":\"HKQuantityTypeIdentifierHeartRate\",\"start_date\":\"2025-06-16T07:05:00Z\","
        + "\"end_date\":\"2025-06-16T07:05:00Z\",\"value\":72,\"unit\":\"count/min\"}]}";
  }

  /** Uploads; the upload id (the mock's documented one there). */
  String uploaded(String token, int steps) {
    JsonNode accepted = ok(client().post(UPLOAD, bearer(token), export(steps)), 202).path("data");
    assertThat(accepted.path("status_url").asText()).startsWith(STATUS);
    return onServer() ? accepted.path("upload_id").asText() : MOCK_UPLOAD_ID;
  }

  @Test
  void upload_isAccepted_thenCompleted_withItsSteps() {
    String id = uploaded(owner, 812);
    JsonNode status = onServer() ? awaitFinal(client(), owner, STATUS + id)
        : ok(client().get(STATUS + id, bearer(owner)), 200).path("data");
    if (onServer()) {
      assertThat(status.path("status").asText()).isEqualTo("COMPLETED");
      assertThat(status.path("extract").path("total_steps").asDouble()).isEqualTo(812);
      assertThat(status.path("extract").path("metric_types").toString()).contains("ACTIVITY_LEVEL", "HEART_RATE");
    }
  }

  @Test
  void uploadStatus_ofAnotherUsersUpload_is404_malformedIdIs400_noTokenIs401() {
    String id = uploaded(owner, 10);
    assertProblem(client().get(STATUS + id, merge(bearer(other), producing(404))), 404);
    assertProblem(client().get(STATUS + UUID.randomUUID(), merge(bearer(owner), producing(404))), 404);
    assertProblem(client().callBreakingContract("GET", STATUS + "nope", merge(bearer(owner), producing(400)), null),
        400);
    assertUnauthorized(client().get(STATUS + id, merge(bearer("not.a.token"), producing(401))), true);
  }

  @Test
  void upload_notAnExport_is400_notJson_is415_noToken_is401() {
    assertProblem(client().callBreakingContract("POST", UPLOAD,
        merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)), "{\"samples\":[{\"type\":1}]}"), 400);
    assertProblem(client().callBreakingContract("POST", UPLOAD,
        merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)), "not json"), 400);
    assertProblem(client().callBreakingContract("POST", UPLOAD,
        merge(merge(bearer(owner), Map.of("Content-Type", "text/plain")), producing(415)), "hello"), 415);
    assertUnauthorized(client().post(UPLOAD, merge(bearer("not.a.token"), producing(401)), export(1)), true);
  }

  @Test
  void upload_forAnotherUserId_is403() {
    String body = export(5).replace("{\"export_date\"", "{\"user_id\":\"" + MarketUsers.userId(other)
        + "\",\"export_date\"");
    assertProblem(client().post(UPLOAD, merge(bearer(owner), producing(403)), body), 403);
  }

  @Test
  void presignedUpload_givesAUrl_completeWithNothingPut_is404_forAnotherUserToo() {
    JsonNode p = ok(client().post("/api/v1/healthkit/upload-url", bearer(owner), "{\"file_size\":1024}"), 201)
        .path("data");
    assertThat(p.path("method").asText()).isEqualTo("PUT");
    if (onServer()) assertThat(p.path("required_headers").path("Content-Length").asText()).isEqualTo("1024");
    String id = onServer() ? p.path("upload_id").asText() : MOCK_UPLOAD_ID;
    String complete = "/api/v1/healthkit/upload-url/" + id + "/complete";
    assertProblem(client().post(complete, merge(bearer(owner), producing(404)), null), 404);
    assertProblem(client().post(complete, merge(bearer(other), producing(404)), null), 404);
    assertProblem(client().callBreakingContract("POST", "/api/v1/healthkit/upload-url",
        merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)), "{\"file_size\":0}"), 400);
    if (!onServer()) ok(client().post(complete, bearer(owner), null), 202);
  }
}
