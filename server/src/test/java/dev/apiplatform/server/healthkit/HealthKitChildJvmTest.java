package dev.apiplatform.server.healthkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.Platform;
import dev.apiplatform.server.auth.AuthGroup;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.health.HealthDataGroup;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.system.SystemGroup;
import dev.apiplatform.server.testing.ChildHttp;
import dev.apiplatform.server.testing.ChildJvm;
import dev.apiplatform.server.testing.CrashPlatforms;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform in a child JVM whose heap ({@value #HEAP}) is several times smaller than the
 * export it is sent ({@value #BIG_SAMPLES} samples, about 240 MB): accepted and COMPLETED only if
 * the edge, the upload and the worker all stream (a server that held the body would die of
 * OutOfMemoryError, and the test would see the connection fail). Then kill -9 mid-processing:
 * smaller exports queued behind it, the child SIGKILLed when the first upload is COMPLETED; a
 * platform restarted on the same DATA_DIR brings every accepted upload to COMPLETED, each once
 * (exactly its metrics listed, no more).
 */
class HealthKitChildJvmTest {

  static final String HEAP = "-Xmx80m";
  static final long BIG_SAMPLES = 1_800_000;
  static final int SMALL_UPLOADS = 5;
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dir;

  @Test
  void anExportManyTimesTheHeapStreams_andAKilledPlatformCompletesEveryAcceptedUploadOnce() throws Exception {
    AtomicInteger port = new AtomicInteger();
    List<String> ids = new ArrayList<>();
    String token;
    assertThat(Exports.length(BIG_SAMPLES)).isGreaterThan(200L * 1024 * 1024);
    try (ChildJvm child = ChildJvm.start(Child.class, List.of(HEAP), List.of(dir.toString()), line -> {
      CrashPlatforms.readPort("HEALTHKIT-CHILD", line, port);
      if (line.contains("OutOfMemoryError") || line.contains(" ERROR ")) System.out.println("HEALTHKIT-CHILD " + line);
    })) {
      ChildHttp.await("the child platform", Duration.ofSeconds(180), () -> port.get() > 0 || !child.isAlive());
      assertThat(port.get()).as("child started").isPositive();
      URI base = URI.create("http://127.0.0.1:" + port.get());
      token = ChildHttp.signIn(base);
      HttpResponse<String> big = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/healthkit/upload"))
          .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.fromPublisher(
              HttpRequest.BodyPublishers.ofInputStream(() -> Exports.stream(BIG_SAMPLES)), Exports.length(BIG_SAMPLES)))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(big.statusCode()).as(big.body()).isEqualTo(202);
      ids.add(JSON.readTree(big.body()).path("data").path("upload_id").asText());
      for (int i = 0; i < SMALL_UPLOADS; i++) {
        JsonNode accepted = ChildHttp.call(base, "POST", "/api/v1/healthkit/upload", token, Exports.small(2000 + i));
        ids.add(accepted.path("data").path("upload_id").asText());
      }
      ChildHttp.await("a first upload COMPLETED", Duration.ofMinutes(10), () -> ids.stream()
          .anyMatch(id -> status(base, token, id).equals("COMPLETED")) || !child.isAlive());
      assertThat(child.isAlive()).as("the child survived the big export").isTrue();
      long done = ids.stream().filter(id -> status(base, token, id).equals("COMPLETED")).count();
      System.out.println("HEALTHKIT-CRASH completed before the kill: " + done + " of " + ids.size());
      assertThat(done).as("killed mid-processing").isLessThan(ids.size());
      child.kill();
    }

    try (EmbeddedAws stores = EmbeddedAws.start(dir); EmbeddedSqs queues = EmbeddedSqs.start(dir);
        Platform platform = Platform.start(config(dir, stores, queues), groups())) {
      URI base = platform.baseUri();
      ChildHttp.await("every accepted upload COMPLETED", Duration.ofMinutes(5),
          () -> ids.stream().allMatch(id -> status(base, token, id).equals("COMPLETED")));
      int written = 0;
      for (String id : ids) {
        JsonNode x = ChildHttp.call(base, "GET", "/api/v1/healthkit/upload-status/" + id, token, null).path("data")
            .path("extract");
        written += x.path("metrics_written").asInt();
        if (id.equals(ids.get(0))) {
          assertThat(x.path("samples").asLong()).isEqualTo(BIG_SAMPLES);
          assertThat(x.path("total_steps").asDouble()).isEqualTo(BIG_SAMPLES * 100.0);
        }
      }
      JsonNode page = ChildHttp.call(base, "GET", "/api/v1/health-data/?limit=1", token, null);
      assertThat(page.path("pagination").path("total_count").asInt()).as("each upload's metrics once")
          .isEqualTo(written);
    }
  }

  static List<ResourceGroup> groups() {
    return List.of(new SystemGroup(), new AuthGroup(), new HealthDataGroup(), new HealthKitGroup());
  }

  static AppConfig config(Path dir, EmbeddedAws stores, EmbeddedSqs queues) {
    return CrashPlatforms.config(dir, stores, queues, Map.of("HEALTHKIT_MAX_UPLOAD_BYTES", Long.toString(1L << 30)));
  }

  static String status(URI base, String token, String id) {
    return CrashPlatforms.status(base, token, "/api/v1/healthkit/upload-status/" + id);
  }

  /** The JVM with the small heap that gets killed: the platform on the test's DATA_DIR, workers on. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      CrashPlatforms.serve("HEALTHKIT-CHILD", Path.of(args[0]), groups(), Map.of("HEALTHKIT_MAX_UPLOAD_BYTES", Long.toString(1L << 30)));
    }
  }
}
