package dev.apiplatform.server.healthkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.server.health.HealthDataGroup;
import dev.apiplatform.server.storage.MediaStore;
import dev.apiplatform.server.storage.S3MediaStore;
import dev.apiplatform.server.testing.ClarityPlatform;
import dev.apiplatform.server.testing.Rewired;
import dev.apiplatform.server.testing.ClarityPlatform.Account;
import dev.apiplatform.server.testing.ClarityPlatform.Res;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A presigned HealthKit upload that is never completed ends (openapi/healthkit.yaml,
 * healthkit_initUpload): FAILED with the 410 upload-expired problem once the URL's lifetime plus
 * the grace have passed, and what was PUT for it is deleted. A completed one is not touched by
 * its expiry job. The URL lives {@value #TTL} s and the grace is {@value #GRACE} s here, so the
 * expiry job (on the platform queue, the same path as in production) is due within seconds.
 */
class HealthKitUploadExpiryTest {

  static final int TTL = 2;
  static final int GRACE = 1;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir static Path dir;
  static ClarityPlatform platform;
  static Account alice;
  static volatile MediaStore exports;

  @BeforeAll
  static void start() throws Exception {
    platform = ClarityPlatform.start(dir, Map.of("QUEUE_POLL_WAIT_SECONDS", "1",
        "HEALTHKIT_UPLOAD_URL_TTL_SECONDS", Integer.toString(TTL), "HEALTHKIT_UPLOAD_GRACE_SECONDS",
        Integer.toString(GRACE)), List.of(new HealthDataGroup(), Rewired.observed(new HealthKitGroup(),
            services -> exports = new S3MediaStore(services.aws().s3(), services.aws().presigner(),
                services.storage().bucketName(HealthKitGroup.BUCKET), services.aws().partBuffers()))));
    alice = platform.signUp();
  }

  @AfterAll
  static void stop() {
    if (platform != null) platform.close();
  }

  static final String EXPORT = HealthKitUploadTest.export(HealthKitUploadTest.sample(HealthKitUploadTest.Q + "StepCount",
      "2025-06-16T07:00:00Z", "2025-06-16T07:10:00Z", 812, "count"));

  /** init-upload and the PUT; the upload's id and its export's key. */
  static String[] initAndPut() throws Exception {
    Res init = platform.call("POST", "/api/v1/healthkit/upload-url", alice.token(), Map.of("file_size", EXPORT.length()));
    assertThat(init.status()).as(init.body().toString()).isEqualTo(201);
    JsonNode p = init.body().path("data");
    assertThat(p.path("expires_in").asInt()).as("the configured lifetime").isEqualTo(TTL);
    HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(p.path("upload_url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofString(EXPORT)).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(200);
    String id = p.path("upload_id").asText();
    String key = HealthKitService.KEY_PREFIX + alice.userId() + "/" + id + ".json";
    assertThat(exports.head(key)).as("the PUT stored the export").isPresent();
    return new String[] {id, key};
  }

  @Test
  void anUploadNeverCompleted_endsFailedWithUploadExpired_andItsExportIsDeleted() throws Exception {
    String[] upload = initAndPut();
    JsonNode done = awaitFinal(upload[0]);
    assertThat(done.path("status").asText()).isEqualTo("FAILED");
    assertThat(done.path("error").path("status").asInt()).isEqualTo(410);
    assertThat(done.path("error").path("type").asText()).isEqualTo("/problems/upload-expired");
    assertThat(exports.head(upload[1])).as("the abandoned export is deleted").isEmpty();

    Res late = platform.call("POST", "/api/v1/healthkit/upload-url/" + upload[0] + "/complete", alice.token(), null);
    assertThat(late.status()).isEqualTo(202);
    assertThat(late.body().path("data").path("status").asText()).as("completing now answers its FAILED status")
        .isEqualTo("FAILED");
    assertThat(late.body().path("data").path("error").path("status").asInt()).isEqualTo(410);
  }

  @Test
  void anUploadCompletedInTime_isProcessed_andStaysCompletedAfterItsDeadline() throws Exception {
    String[] upload = initAndPut();
    Res complete = platform.call("POST", "/api/v1/healthkit/upload-url/" + upload[0] + "/complete", alice.token(), null);
    assertThat(complete.status()).as(complete.body().toString()).isEqualTo(202);
    assertThat(awaitFinal(upload[0]).path("status").asText()).isEqualTo("COMPLETED");

    // a second upload, never completed, has the later deadline: once it has expired, the first
    // upload's expiry job (queued before it, due before it) has run too
    String[] abandoned = initAndPut();
    assertThat(awaitFinal(abandoned[0]).path("status").asText()).isEqualTo("FAILED");
    Res status = platform.call("GET", "/api/v1/healthkit/upload-status/" + upload[0], alice.token(), null);
    assertThat(status.body().path("data").path("status").asText()).isEqualTo("COMPLETED");
    assertThat(status.body().path("data").path("extract").path("total_steps").asDouble()).isEqualTo(812);
  }

  static JsonNode awaitFinal(String id) throws Exception {
    return platform.awaitFinal("/api/v1/healthkit/upload-status/" + id, alice.token());
  }
}
