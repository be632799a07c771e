package dev.apiplatform.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.Platform;
import dev.apiplatform.server.system.SystemGroup;
import dev.apiplatform.server.testing.EmbeddedPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code METRICS_ENABLED=false}: nothing is instrumented and {@code GET /metrics} is the documented 404. */
class MetricsDisabledTest {

  private static final HttpClient CLIENT = EmbeddedPlatform.HTTP;
  @RegisterExtension
  static final EmbeddedPlatform stores = new EmbeddedPlatform();
  private static Platform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = stores.platform(Map.of("METRICS_ENABLED", "false", "QUEUE_POLL_WAIT_SECONDS", "1"),
        List.of(new SystemGroup(), new MetricsGroup()));
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
