package dev.apiplatform.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.Platform;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.system.SystemGroup;
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

/** {@code METRICS_ENABLED=false}: nothing is instrumented and {@code GET /metrics} is the documented 404. */
class MetricsDisabledTest {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir static Path dir;
  private static EmbeddedAws stores;
  private static EmbeddedSqs queues;
  private static Platform platform;

  @BeforeAll
  static void start() throws Exception {
    stores = EmbeddedAws.start(dir);
    queues = EmbeddedSqs.start(dir);
    AppConfig config = AppConfig.from(Map.of("PORT", "0", "DATA_DIR", dir.toString(), "SHUTDOWN_GRACE_SECONDS", "1",
            "METRICS_ENABLED", "false", "QUEUE_POLL_WAIT_SECONDS", "1"))
        .withStores(stores.dynamoDbEndpoint(), stores.s3Endpoint(),
            new AppConfig.StaticCredentials(stores.accessKeyId(), stores.secretAccessKey()))
        .withQueue(queues.endpoint());
    platform = Platform.start(config, List.of(new SystemGroup(), new MetricsGroup()));
  }

  @AfterAll
  static void stop() {
    if (platform != null) platform.close();
    if (queues != null) queues.close();
    if (stores != null) stores.close();
  }

  @Test
  void scrape_isTheDocumented404Problem_whenSwitchedOff() throws Exception {
    HttpResponse<String> healthz = CLIENT.send(HttpRequest.newBuilder(URI.create(platform.baseUri() + "/healthz")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(healthz.statusCode()).isEqualTo(200);

    HttpResponse<String> scrape = CLIENT.send(HttpRequest.newBuilder(URI.create(platform.baseUri() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(404);
    assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/problem+json"));
    assertThat(new ObjectMapper().readTree(scrape.body()).path("detail").asText()).contains("switched off");
  }
}
