package dev.apiplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.health.HealthDataGroup;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's start when ElasticMQ fails: the platform's core no longer waits for it
 * before creating the tables and buckets (issue 15), so its failure arrives while DynamoDB Local
 * and S3Proxy run and the core works on them; the start must still fail with ElasticMQ's error
 * and stop both stores.
 */
class LocalPlatformTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  @TempDir Path dir;

  private static AppConfig config(Path data) {
    return AppConfig.from(Map.of("PORT", "0", "DATA_DIR", data.toString(), "SHUTDOWN_GRACE_SECONDS", "1",
        "JOB_SHUTDOWN_GRACE_SECONDS", "1"));
  }

  @Test
  void elasticMqFailingToStart_failsTheStart_andStopsTheStoresThatStarted() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    // where ElasticMQ's directory goes: it cannot start, DynamoDB Local and S3Proxy can
    Files.writeString(data.resolve("sqs"), "not a directory");
    Logger storesLog = (Logger) LoggerFactory.getLogger(EmbeddedAws.class);
    Level level = storesLog.getLevel();
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    storesLog.addAppender(events);
    storesLog.setLevel(Level.INFO);
    try {
      assertThatThrownBy(() -> LocalPlatform.start(config(data)).close())
          .isInstanceOf(UncheckedIOException.class).hasMessageContaining(data.resolve("sqs").toString());
    } finally {
      storesLog.detachAppender(events);
      storesLog.setLevel(level);
    }
    List<String> messages = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    String dynamoDb = endpoint(messages, "Embedded DynamoDB Local on ");
    String s3 = endpoint(messages, "Embedded S3 (S3Proxy) on ");
    assertThat(messages).contains("Embedded DynamoDB Local on " + dynamoDb + " stopped",
        "Embedded S3 (S3Proxy) on " + s3 + " stopped");

    // nothing of the failed start is left: the same directory starts and serves, and once that
    // platform stops, no ElasticMQ runs in this JVM (SharedSqs was not given a share it never took)
    Files.delete(data.resolve("sqs"));
    try (LocalPlatform platform = LocalPlatform.start(config(data))) {
      // the probes' first calls may miss their timeout on a busy machine (503 "down"): asked
      // again, as a load balancer does, until a deadline
      HttpRequest request = HttpRequest.newBuilder(platform.baseUri().resolve("/health")).build();
      HttpResponse<String> health = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (health.statusCode() != 200 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        health = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      }
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body()).contains("\"" + HealthDataGroup.QUEUE + "\"");
    }
    EmbeddedSqs.start(dir.resolve("after")).close();
  }

  /** The endpoint of the store's "... on {endpoint} (data ...)" start message. */
  private static String endpoint(List<String> messages, String prefix) {
    String started = messages.stream().filter(m -> m.startsWith(prefix) && m.contains(" (data "))
        .findFirst().orElseThrow(() -> new AssertionError("no '" + prefix + "' start message in " + messages));
    return started.substring(prefix.length(), started.indexOf(" (data "));
  }
}
