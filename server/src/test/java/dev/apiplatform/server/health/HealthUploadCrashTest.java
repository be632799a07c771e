package dev.apiplatform.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.Platform;
import dev.apiplatform.server.auth.AuthGroup;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.system.SystemGroup;
import dev.apiplatform.server.testing.ChildHttp;
import dev.apiplatform.server.testing.ChildJvm;
import dev.apiplatform.server.testing.CrashPlatforms;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 mid-processing: a child JVM runs the platform, accepts {@value #UPLOADS} uploads of 100
 * metrics and starts processing them one at a time; it is SIGKILLed as soon as the first is
 * COMPLETED, with the rest PENDING or PROCESSING. A platform restarted on the same DATA_DIR
 * brings every accepted upload to COMPLETED, each once: all its 100 metrics listed, no more.
 */
class HealthUploadCrashTest {

  static final int UPLOADS = 12;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void killedDuringProcessing_restartCompletesEveryAcceptedUploadOnce() throws Exception {
    AtomicInteger port = new AtomicInteger();
    List<String> ids = new ArrayList<>();
    String token;
    try (ChildJvm child = ChildJvm.start(PlatformChild.class, List.of(dir.toString()), line -> {
      CrashPlatforms.readPort("HEALTH-CHILD", line, port);
    })) {
      ChildHttp.await("the child platform", Duration.ofSeconds(180), () -> port.get() > 0 || !child.isAlive());
      assertThat(port.get()).as("child started").isPositive();
      URI base = URI.create("http://127.0.0.1:" + port.get());
      token = ChildHttp.signIn(base);
      for (int i = 0; i < UPLOADS; i++) {
        JsonNode accepted = ChildHttp.call(base, "POST", "/api/v1/health-data/upload", token, upload(i));
        ids.add(accepted.path("data").path("processing_id").asText());
      }
      ChildHttp.await("a first upload COMPLETED", Duration.ofSeconds(120), () -> ids.stream()
          .anyMatch(id -> status(base, token, id).equals("COMPLETED")) || !child.isAlive());
      long done = ids.stream().filter(id -> status(base, token, id).equals("COMPLETED")).count();
      System.out.println("HEALTH-CRASH completed before the kill: " + done + " of " + UPLOADS);
      assertThat(done).as("killed mid-processing").isLessThan(UPLOADS);
      child.kill();
    }

    try (EmbeddedAws stores = EmbeddedAws.start(dir); EmbeddedSqs queues = EmbeddedSqs.start(dir);
        Platform platform = Platform.start(config(dir, stores, queues), groups())) {
      URI base = platform.baseUri();
      ChildHttp.await("every accepted upload COMPLETED", Duration.ofSeconds(180),
          () -> ids.stream().allMatch(id -> status(base, token, id).equals("COMPLETED")));
      for (String id : ids) {
        JsonNode s = ChildHttp.call(base, "GET", "/api/v1/health-data/processing/" + id, token, null).path("data");
        assertThat(s.path("metrics_processed").asInt()).isEqualTo(100);
      }
      JsonNode page = ChildHttp.call(base, "GET", "/api/v1/health-data?limit=1", token, null);
      assertThat(page.path("pagination").path("total_count").asInt()).isEqualTo(UPLOADS * 100);
    }
  }

  static List<dev.apiplatform.server.platform.ResourceGroup> groups() {
    return List.of(new SystemGroup(), new AuthGroup(), new HealthDataGroup());
  }

  static AppConfig config(Path dir, EmbeddedAws stores, EmbeddedSqs queues) {
    return CrashPlatforms.config(dir, stores, queues, Map.of());
  }

  static String upload(int n) throws Exception {
    List<Map<String, Object>> metrics = new ArrayList<>();
    Instant at = Instant.parse("2025-06-17T00:00:00Z").plusSeconds(3600L * n);
    for (int i = 0; i < 100; i++) {
      metrics.add(Map.of("metric_type", "HEART_RATE", "created_at", at.plusSeconds(i).toString(),
          "biometric_data", Map.of("heart_rate", 50 + i)));
    }
    return JSON.writeValueAsString(Map.of("upload_source", "apple_health", "client_timestamp", at.toString(),
        "metrics", metrics));
  }

  static String status(URI base, String token, String id) {
    return CrashPlatforms.status(base, token, "/api/v1/health-data/processing/" + id);
  }

  /** The JVM that gets killed: the platform on the test's DATA_DIR, workers on. */
  public static final class PlatformChild {
    public static void main(String[] args) throws Exception {
      CrashPlatforms.serve("HEALTH-CHILD", Path.of(args[0]), groups(), Map.of());
    }
  }
}
