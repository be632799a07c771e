package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.testing.WorkingGroup;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queues seen from outside: /health lists each with its depth and turns degraded above the
 * threshold, and platforms sharing one SQS (here the JVM's one ElasticMQ) keep to their own queues.
 */
class PlatformQueuesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  @TempDir static Path dir;
  private static EmbeddedSqs sqs;

  /** A platform on stores of its own under {@code name}, on the JVM's one ElasticMQ. */
  record Running(Platform platform, EmbeddedAws stores, WorkingGroup group) implements AutoCloseable {
    @Override
    public void close() {
      platform.close();
      stores.close();
    }
  }

  @BeforeAll
  static void startSqs() {
    sqs = EmbeddedSqs.start(dir);
  }

  @AfterAll
  static void stopSqs() {
    if (sqs != null) sqs.close();
  }

  private static Running start(String name, Map<String, String> extra) throws Exception {
    Path data = Files.createDirectories(dir.resolve(name));
    EmbeddedAws stores = EmbeddedAws.start(data);
    Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "DATA_DIR", data.toString(),
        "SHUTDOWN_GRACE_SECONDS", "1", "JOB_SHUTDOWN_GRACE_SECONDS", "1", "QUEUE_POLL_WAIT_SECONDS", "1"));
    env.putAll(extra);
    AppConfig config = AppConfig.from(env).withStores(stores.dynamoDbEndpoint(), stores.s3Endpoint(),
        new AppConfig.StaticCredentials(stores.accessKeyId(), stores.secretAccessKey())).withQueue(sqs.endpoint());
    WorkingGroup group = new WorkingGroup(WorkingGroup.QUEUE, 2);
    try {
      return new Running(Platform.start(config, List.of(group)), stores, group);
    } catch (Exception e) {
      stores.close();
      throw e;
    }
  }

  private static HttpResponse<String> get(Platform platform, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(platform.baseUri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode queue(JsonNode health, String name) {
    for (JsonNode q : health.path("queues")) if (q.path("name").asText().equals(name)) return q;
    throw new AssertionError("no queue " + name + " in " + health);
  }

  @Test
  void health_listsEveryQueueWithItsDepth_andIsDegradedWith200_aboveTheDepthThreshold() throws Exception {
    try (Running r = start("health", Map.of("WORKERS", "off", "QUEUE_HEALTH_MAX_DEPTH", "1",
        "QUEUE_STATS_CACHE_MS", "0"))) {
      HttpResponse<String> quiet = get(r.platform(), "/health");
      assertThat(quiet.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(quiet.body());
      assertThat(body.path("status").asText()).isEqualTo("up");
      assertThat(body.path("dependencies").findValuesAsText("name")).containsExactlyInAnyOrder("dynamodb", "s3", "sqs");
      assertThat(queue(body, "notifications").path("status").asText()).isEqualTo("ok");
      assertThat(queue(body, "test-work").path("depth").asLong()).isZero();
      assertThat(queue(body, "test-work").has("oldest_age_seconds")).as("no worker here knows an age").isFalse();

      r.group().enqueue("one");
      r.group().enqueue("two");
      HttpResponse<String> backlog = get(r.platform(), "/health");
      assertThat(backlog.statusCode()).as("a backlog does not take the instance out of rotation").isEqualTo(200);
      JsonNode degraded = JSON.readTree(backlog.body());
      assertThat(degraded.path("status").asText()).isEqualTo("degraded");
      JsonNode work = queue(degraded, "test-work");
      assertThat(work.path("status").asText()).isEqualTo("degraded");
      assertThat(work.path("depth").asLong()).isEqualTo(2);
      assertThat(work.path("detail").asText()).isEqualTo("depth 2 > 1");
      assertThat(queue(degraded, "notifications").path("status").asText()).isEqualTo("ok");
    }
  }

  @Test
  void twoPlatformsOnOneSqs_eachConsumeOnlyTheirOwnMessages() throws Exception {
    try (Running a = start("platform-a", Map.of("WORKERS", "on"));
        Running b = start("platform-b", Map.of("WORKERS", "on"))) {
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String payload = "a-" + i + "-" + UUID.randomUUID();
        sent.add(payload);
        a.group().enqueue(payload);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!a.group().handled.containsAll(sent) && System.nanoTime() < deadline) Thread.sleep(20);
      // had they shared the queue, B's two pollers would have taken about half of them
      assertThat(a.group().handled).containsExactlyInAnyOrderElementsOf(sent);
      assertThat(b.group().handled).isEmpty();
    }
  }
}
