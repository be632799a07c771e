package dev.apiplatform.server.healthkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.server.health.HealthDataGroup;
import dev.apiplatform.server.testing.ClarityPlatform;
import dev.apiplatform.server.testing.ClarityPlatform.Account;
import dev.apiplatform.server.testing.ClarityPlatform.Res;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HealthKit uploads end to end on embedded stores and queue: a streamed export and a presigned
 * one reach COMPLETED, their metrics are health data of the owner (listed, then GDPR-deleted),
 * other users get 404, and bad input is a problem, never a 5xx. The upload limit is lowered to
 * {@value #LIMIT} bytes, and the platform body limit to 64 KiB, so both limits are exercised.
 */
class HealthKitUploadTest {

  static final long LIMIT = 2 * 1024 * 1024;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir static Path dir;
  static ClarityPlatform platform;
  static Account alice;
  static Account bob;

  @BeforeAll
  static void start() throws Exception {
    platform = ClarityPlatform.start(dir, Map.of("HEALTHKIT_MAX_UPLOAD_BYTES", Long.toString(LIMIT),
        "MAX_BODY_BYTES", "65536", "QUEUE_POLL_WAIT_SECONDS", "1"),
        List.of(new HealthDataGroup(), new HealthKitGroup()));
    alice = platform.signUp();
    bob = platform.signUp();
  }

  @AfterAll
  static void stop() {
    if (platform != null) platform.close();
  }

  static String export(String... samples) {
    return "{\"export_date\":\"2025-06-17T10:30:00Z\",\"samples\":[" + String.join(",", samples) + "]}";
  }

  static String sample(String type, String start, String end, double value, String unit) {
    return "{\"type\":\"" + type + "\",\"start_date\":\"" + start + "\",\"end_date\":\"" + end + "\",\"value\":"
        + value + (unit == null ? "" : ",\"unit\":\"" + unit + "\"") + "}";
  }

  static final String Q = "HKQuantityTypeIdentifier";

  static HttpResponse<String> post(String path, String token, String contentType, HttpRequest.BodyPublisher body,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(platform.baseUri() + path))
        .timeout(Duration.ofSeconds(120)).POST(body).header("Content-Type", contentType);
    if (token != null) b.header("Authorization", "Bearer " + token);
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> upload(String token, String json) throws Exception {
    return post("/api/v1/healthkit/upload", token, "application/json", HttpRequest.BodyPublishers.ofString(json),
        Map.of());
  }

  static JsonNode body(HttpResponse<String> r) throws Exception {
    return ClarityPlatform.JSON.readTree(r.body());
  }

  static JsonNode awaitFinal(String token, String id) throws Exception {
    return platform.awaitFinal("/api/v1/healthkit/upload-status/" + id, token);
  }

  @Test
  void streamedExport_completes_itsMetricsAreTheOwnersHealthData_untilTheGdprDelete() throws Exception {
    String json = export(
        sample(Q + "StepCount", "2025-06-16T07:00:00Z", "2025-06-16T07:10:00Z", 812, "count"),
        sample(Q + "StepCount", "2025-06-16T18:00:00Z", "2025-06-16T18:30:00Z", 3188, "count"),
        sample(Q + "StepCount", "2025-06-17T07:00:00Z", "2025-06-17T07:10:00Z", 500, "count"),
        sample(Q + "HeartRate", "2025-06-16T07:05:00Z", "2025-06-16T07:05:00Z", 80, "count/min"),
        sample(Q + "HeartRate", "2025-06-16T08:05:00Z", "2025-06-16T08:05:00Z", 60, "count/min"),
        sample(Q + "HeartRate", "2025-06-17T08:05:00Z", "2025-06-17T08:05:00Z", 900, "count/min"),
        sample(Q + "OxygenSaturation", "2025-06-16T03:00:00Z", "2025-06-16T03:00:00Z", 0.97, "%"),
        sample(Q + "BloodPressureSystolic", "2025-06-16T09:00:00Z", "2025-06-16T09:00:00Z", 120, "mmHg"),
        sample(Q + "BloodPressureDiastolic", "2025-06-16T09:00:00Z", "2025-06-16T09:00:00Z", 80, "mmHg"),
        sample("HKCategoryTypeIdentifierSleepAnalysis", "2025-06-15T23:00:00Z", "2025-06-16T03:00:00Z", 3, null),
        sample("HKCategoryTypeIdentifierSleepAnalysis", "2025-06-16T03:00:00Z", "2025-06-16T03:10:00Z", 2, null),
        sample("HKCategoryTypeIdentifierSleepAnalysis", "2025-06-16T03:10:00Z", "2025-06-16T06:10:00Z", 4, null),
        sample("HKQuantityTypeIdentifierWalkingSpeed", "2025-06-16T07:00:00Z", "2025-06-16T07:10:00Z", 1.2, "m/s"));
    HttpResponse<String> r = upload(alice.token(), json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = body(r).path("data").path("upload_id").asText();
    assertThat(body(r).path("data").path("status_url").asText()).isEqualTo("/api/v1/healthkit/upload-status/" + id);

    JsonNode done = awaitFinal(alice.token(), id);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
    JsonNode x = done.path("extract");
    assertThat(x.path("samples").asLong()).isEqualTo(13);
    assertThat(x.path("bytes").asLong()).isEqualTo(json.length());
    assertThat(x.path("total_steps").asDouble()).isEqualTo(4500);
    assertThat(x.path("daily_steps").toString())
        .isEqualTo("[{\"date\":\"2025-06-16\",\"steps\":4000.0},{\"date\":\"2025-06-17\",\"steps\":500.0}]");
    assertThat(x.path("samples_unused").asLong()).as("walking speed feeds no metric").isEqualTo(1);
    assertThat(x.path("metrics_skipped").asInt()).as("a day of 900 bpm is implausible").isEqualTo(1);
    assertThat(x.path("metric_types").toString())
        .isEqualTo("[\"ACTIVITY_LEVEL\",\"BLOOD_OXYGEN\",\"BLOOD_PRESSURE\",\"HEART_RATE\",\"SLEEP_ANALYSIS\"]");

    Res listed = platform.call("GET", "/api/v1/health-data/?limit=100", alice.token(), null);
    assertThat(listed.status()).isEqualTo(200);
    List<JsonNode> mine = new ArrayList<>();
    listed.body().path("data").forEach(m -> {
      if (m.path("processing_id").asText().equals(id)) mine.add(m);
    });
    assertThat(mine).hasSize(x.path("metrics_written").asInt()).hasSize(6);
    JsonNode heart = mine.stream().filter(m -> m.path("metric_type").asText().equals("HEART_RATE")).findFirst()
        .orElseThrow();
    assertThat(heart.path("biometric_data").path("heart_rate").asDouble()).isEqualTo(70);
    assertThat(heart.path("created_at").asText()).startsWith("2025-06-16T00:00");
    JsonNode spo2 = mine.stream().filter(m -> m.path("metric_type").asText().equals("BLOOD_OXYGEN")).findFirst()
        .orElseThrow();
    assertThat(spo2.path("biometric_data").path("oxygen_saturation").asDouble()).isEqualTo(97);
    JsonNode sleep = mine.stream().filter(m -> m.path("metric_type").asText().equals("SLEEP_ANALYSIS")).findFirst()
        .orElseThrow();
    assertThat(sleep.path("sleep_data").path("total_sleep_minutes").asInt()).isEqualTo(420);
    assertThat(sleep.path("sleep_data").path("wake_count").asInt()).isEqualTo(1);
    assertThat(platform.call("GET", "/api/v1/health-data/?limit=100", bob.token(), null).body().path("data")
        .toString()).doesNotContain(id);

    assertThat(platform.call("DELETE", "/api/v1/health-data/" + id, bob.token(), null).status()).isEqualTo(404);
    Res deleted = platform.call("DELETE", "/api/v1/health-data/" + id, alice.token(), null);
    assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
    assertThat(deleted.body().path("data").path("metrics_deleted").asInt()).isEqualTo(6);
    assertThat(platform.call("GET", "/api/v1/health-data/?limit=100", alice.token(), null).body().path("data")
        .toString()).doesNotContain(id);
    assertThat(platform.call("GET", "/api/v1/healthkit/upload-status/" + id, alice.token(), null).status())
        .isEqualTo(404);
  }

  @Test
  void aBodyOverThePlatformLimitStreamsUnderTheOperationsOwnLimit_andOverItIs413() throws Exception {
    long samples = 3000; // ~400 KB: over MAX_BODY_BYTES (64 KiB), under the upload limit
    assertThat(Exports.length(samples)).isGreaterThan(65536).isLessThan(LIMIT);
    HttpResponse<String> r = post("/api/v1/healthkit/upload", alice.token(), "application/json",
        HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> Exports.stream(samples)),
            Exports.length(samples)), Map.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode done = awaitFinal(alice.token(), body(r).path("data").path("upload_id").asText());
    assertThat(done.path("extract").path("total_steps").asDouble()).isEqualTo(300_000);

    long over = 20_000;
    assertThat(Exports.length(over)).isGreaterThan(LIMIT);
    HttpResponse<String> big = post("/api/v1/healthkit/upload", alice.token(), "application/json",
        HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> Exports.stream(over)),
            Exports.length(over)), Map.of());
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    // another operation keeps the platform limit
    Res other = platform.call("POST", "/api/v1/healthkit/upload-url", alice.token(),
        "{\"file_size\":1," + "\"x\":\"" + "a".repeat(70_000) + "\"}");
    assertThat(other.status()).isEqualTo(413);
  }

  @Test
  void withoutContentLength411_notJson415_unauthenticated401() throws Exception {
    HttpResponse<String> chunked = post("/api/v1/healthkit/upload", alice.token(), "application/json",
        HttpRequest.BodyPublishers.ofInputStream(() -> Exports.stream(10)), Map.of());
    assertThat(chunked.statusCode()).isEqualTo(411);
    assertThat(body(chunked).path("status").asInt()).isEqualTo(411);
    HttpResponse<String> text = post("/api/v1/healthkit/upload", alice.token(), "text/plain",
        HttpRequest.BodyPublishers.ofString(Exports.small(2)), Map.of());
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(upload(null, Exports.small(2)).statusCode()).isEqualTo(401);
  }

  @Test
  void aStreamedBodyThatStalls_is408_theEdgesSlowClientRuleHoldsWhileItStreams() throws Exception {
    try (java.net.Socket socket = new java.net.Socket(platform.baseUri().getHost(), platform.baseUri().getPort())) {
      socket.setSoTimeout(60_000);
      String head = "POST /api/v1/healthkit/upload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
          + alice.token() + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
      socket.getOutputStream().write((head + Exports.small(3).substring(0, 200))
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      // then nothing more: the edge's idle timeout answers, though the resource is already reading
      String answer = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(answer).isEqualTo("HTTP/1.1 408");
    }
  }

  @Test
  void badExports_are400NamingTheField() throws Exception {
    String ok = sample(Q + "StepCount", "2025-06-16T07:00:00Z", "2025-06-16T07:10:00Z", 1, null);
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("not json at all", "body");
    cases.put("{\"samples\":[" + ok + ",", "body");
    cases.put("[]", "body");
    cases.put("{\"samples\":[]}", "body.samples");
    cases.put("{}", "body.samples");
    cases.put("{\"samples\":[" + ok + "],\"extra\":1}", "body.extra");
    cases.put(export(ok, ok.replace("\"value\":1.0", "\"value\":\"many\"")), "body.samples[1].value");
    cases.put(export(ok.replace("2025-06-16T07:10:00Z", "2025-06-16T06:00:00Z")), "body.samples[0].end_date");
    cases.put(export(ok.replace("HKQuantityTypeIdentifierStepCount", "steps")), "body.samples[0].type");
    cases.put(export(ok.replace("\"value\":1.0", "\"value\":null")), "body.samples[0].value");
    cases.put(export(ok.replace("}", ",\"value\":2}")), "body.samples[0].value");
    cases.put(export(ok.replace("2025-06-16T07:00:00Z", "2025-02-30T07:00:00Z")), "body.samples[0].start_date");
    cases.put(export(ok) + "{}", "body");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> r = upload(alice.token(), c.getKey());
      assertThat(r.statusCode()).as(c.getKey() + " -> " + r.body()).isEqualTo(400);
      assertThat(r.body()).as(c.getKey()).contains("\"" + c.getValue() + "\"");
    }
    HttpResponse<String> other = upload(alice.token(), "{\"user_id\":\"" + bob.userId() + "\",\"samples\":[" + ok + "]}");
    assertThat(other.statusCode()).isEqualTo(403);
  }

  @Test
  void sameIdempotencyKey_sameUpload_anotherBodyUnderIt422() throws Exception {
    String json = export(sample(Q + "StepCount", "2025-06-18T07:00:00Z", "2025-06-18T07:10:00Z", 10, "count"));
    Map<String, String> key = Map.of("Idempotency-Key", "hk-" + System.nanoTime());
    HttpResponse<String> first = post("/api/v1/healthkit/upload", alice.token(), "application/json",
        HttpRequest.BodyPublishers.ofString(json), key);
    HttpResponse<String> again = post("/api/v1/healthkit/upload", alice.token(), "application/json",
        HttpRequest.BodyPublishers.ofString(json), key);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    assertThat(body(again).path("data").path("upload_id").asText())
        .isEqualTo(body(first).path("data").path("upload_id").asText());
    HttpResponse<String> changed = post("/api/v1/healthkit/upload", alice.token(), "application/json",
        HttpRequest.BodyPublishers.ofString(json.replace("10.0", "11.0")), key);
    assertThat(changed.statusCode()).isEqualTo(422);
  }

  @Test
  void presignedExport_putThenComplete_isProcessed_andOnlyItsOwnerSeesIt() throws Exception {
    String json = export(sample(Q + "StepCount", "2025-06-20T07:00:00Z", "2025-06-20T07:10:00Z", 42, "count"));
    Res init = platform.call("POST", "/api/v1/healthkit/upload-url", alice.token(), Map.of("file_size", json.length()));
    assertThat(init.status()).as(init.body().toString()).isEqualTo(201);
    JsonNode p = init.body().path("data");
    String id = p.path("upload_id").asText();
    assertThat(platform.call("POST", "/api/v1/healthkit/upload-url/" + id + "/complete", alice.token(), null).status())
        .as("nothing PUT yet").isEqualTo(404);
    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(p.path("upload_url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
    assertThat(HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

    assertThat(platform.call("POST", "/api/v1/healthkit/upload-url/" + id + "/complete", bob.token(), null).status())
        .isEqualTo(404);
    assertThat(platform.call("GET", "/api/v1/healthkit/upload-status/" + id, bob.token(), null).status())
        .isEqualTo(404);
    Res complete = platform.call("POST", "/api/v1/healthkit/upload-url/" + id + "/complete", alice.token(), null);
    assertThat(complete.status()).as(complete.body().toString()).isEqualTo(202);
    JsonNode done = awaitFinal(alice.token(), id);
    assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(done.path("extract").path("total_steps").asDouble()).isEqualTo(42);
    assertThat(platform.call("POST", "/api/v1/healthkit/upload-url/" + id + "/complete", alice.token(), null)
        .body().path("data").path("status").asText()).as("completing again answers its status").isEqualTo("COMPLETED");

    Res tooBig = platform.call("POST", "/api/v1/healthkit/upload-url", alice.token(), Map.of("file_size", LIMIT + 1));
    assertThat(tooBig.status()).isEqualTo(400);
  }

  @Test
  void aPresignedExportThatIsNotAnExport_endsFailedWithTheReason() throws Exception {
    String junk = "{\"samples\":[{\"type\":\"HKQuantityTypeIdentifierStepCount\"}]}";
    JsonNode p = platform.call("POST", "/api/v1/healthkit/upload-url", alice.token(),
        Map.of("file_size", junk.length())).body().path("data");
    String id = p.path("upload_id").asText();
    HTTP.send(HttpRequest.newBuilder(URI.create(p.path("upload_url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofString(junk)).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(platform.call("POST", "/api/v1/healthkit/upload-url/" + id + "/complete", alice.token(), null).status())
        .isEqualTo(202);
    JsonNode done = awaitFinal(alice.token(), id);
    assertThat(done.path("status").asText()).isEqualTo("FAILED");
    assertThat(done.path("error").path("status").asInt()).isEqualTo(400);
    assertThat(done.path("error").path("detail").asText()).contains("body.samples[0].start_date");
  }
}
