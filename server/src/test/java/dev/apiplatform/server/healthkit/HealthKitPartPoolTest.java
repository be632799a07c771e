package dev.apiplatform.server.healthkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.server.health.HealthDataGroup;
import dev.apiplatform.server.storage.MediaStore;
import dev.apiplatform.server.storage.PartBuffers;
import dev.apiplatform.server.storage.S3MediaStore;
import dev.apiplatform.server.testing.ChildHttp;
import dev.apiplatform.server.testing.ClarityPlatform;
import dev.apiplatform.server.testing.ClarityPlatform.Account;
import dev.apiplatform.server.testing.Rewired;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamed uploads through the process's pool of part buffers (openapi/healthkit.yaml), here one
 * buffer with a 100 ms wait: an upload that finds it taken is 503 with Retry-After before a byte
 * is read and stores nothing, a small body does not need it, and concurrent uploads above the pool
 * all end 202 or that 503 (never a 500), the accepted ones COMPLETED with every sample, while the
 * pool never allocates more than its one buffer and has it back at the end.
 */
class HealthKitPartPoolTest {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  /** About 3 MiB: a pooled part, and long enough to overlap. */
  static final long SAMPLES = 24_000;

  @TempDir static Path dir;
  static ClarityPlatform platform;
  static Account alice;
  static volatile PartBuffers pool;
  static volatile MediaStore exports;

  @BeforeAll
  static void start() throws Exception {
    platform = ClarityPlatform.start(dir, Map.of("QUEUE_POLL_WAIT_SECONDS", "1", "MEDIA_PART_BUFFERS", "1",
        "MEDIA_PART_WAIT_MS", "100"), List.of(new HealthDataGroup(), Rewired.observed(new HealthKitGroup(), services -> {
          pool = services.aws().partBuffers();
          exports = new S3MediaStore(services.aws().s3(), services.aws().presigner(),
              services.storage().bucketName(HealthKitGroup.BUCKET), pool);
        })));
    alice = platform.signUp();
  }

  @AfterAll
  static void stop() {
    if (platform != null) platform.close();
  }

  @Test
  void withTheOneBufferTaken_anUploadIs503WithRetryAfter_aSmallOneIsAccepted_thenTheHolderCompletes()
      throws Exception {
    long length = Exports.length(SAMPLES);
    try (Socket holder = new Socket(platform.baseUri().getHost(), platform.baseUri().getPort());
        InputStream export = Exports.stream(SAMPLES)) {
      holder.setSoTimeout(60_000);
      OutputStream out = holder.getOutputStream();
      out.write(("POST /api/v1/healthkit/upload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice.token()
          + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(export.readNBytes(200_000));
      out.flush();
      // the server now holds the buffer, waiting for the rest of this body
      ChildHttp.await("the holder's buffer", Duration.ofSeconds(30), () -> pool.available() == 0);

      HttpResponse<String> refused = upload(SAMPLES);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue(HealthKitService.BUSY_RETRY_AFTER);
      JsonNode problem = ClarityPlatform.JSON.readTree(refused.body());
      assertThat(problem.path("type").asText()).endsWith("/problems/unavailable");
      assertThat(problem.path("detail").asText()).isEqualTo(HealthKitService.BUSY);

      HttpResponse<String> small = upload(20); // a few KB: its own array, not the pool's
      assertThat(small.statusCode()).as(small.body()).isEqualTo(202);

      export.transferTo(out);
      out.flush();
      String answer = new String(holder.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 202");
      String id = ClarityPlatform.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).path("data")
          .path("upload_id").asText();
      assertThat(awaitFinal(id).path("extract").path("samples").asLong()).isEqualTo(SAMPLES);
      assertThat(awaitFinal(ClarityPlatform.JSON.readTree(small.body()).path("data").path("upload_id").asText())
          .path("status").asText()).isEqualTo("COMPLETED");
    }
    assertPoolIdle();
  }

  @Test
  void concurrentUploadsAboveThePool_eachEnds202OrThe503_neverA500_andNothingRefusedIsKept() throws Exception {
    int uploads = 8;
    List<HttpResponse<String>> answers = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(uploads);
    try {
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < uploads; i++) sent.add(clients.submit(() -> upload(SAMPLES)));
      for (Future<HttpResponse<String>> f : sent) answers.add(f.get());
    } finally {
      clients.shutdownNow();
    }
    int accepted = 0;
    for (HttpResponse<String> r : answers) {
      assertThat(r.statusCode()).as(r.body()).isIn(202, 503);
      if (r.statusCode() == 503) {
        assertThat(r.headers().firstValue("Retry-After")).as(r.body()).isPresent();
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        continue;
      }
      accepted++;
      String id = ClarityPlatform.JSON.readTree(r.body()).path("data").path("upload_id").asText();
      JsonNode done = awaitFinal(id);
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
      assertThat(done.path("extract").path("samples").asLong()).isEqualTo(SAMPLES);
    }
    System.out.println("PARTPOOL accepted " + accepted + " of " + uploads + " concurrent uploads, the rest 503");
    assertThat(accepted).as("at least the first holder of the buffer").isPositive();
    // COMPLETED deletes an export, and a refused upload stored none: nothing is left behind
    assertThat(exports.keysWithPrefix(HealthKitService.KEY_PREFIX + alice.userId() + "/", 100)).isEmpty();
    assertPoolIdle();
  }

  /** The buffer is back, and there was never more than the one. */
  static void assertPoolIdle() {
    assertThat(pool.available()).isEqualTo(1);
    assertThat(pool.allocated()).isEqualTo(1);
  }

  static HttpResponse<String> upload(long samples) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(platform.baseUri() + "/api/v1/healthkit/upload"))
        .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + alice.token())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> Exports.stream(samples)), Exports.length(samples)))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode awaitFinal(String id) throws Exception {
    return platform.awaitFinal("/api/v1/healthkit/upload-status/" + id, alice.token());
  }
}
