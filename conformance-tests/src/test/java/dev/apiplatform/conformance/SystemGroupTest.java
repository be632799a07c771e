package dev.apiplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.local.LocalPlatform;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The system group's operations, run unchanged against every target: what a client may rely on
 * whether it talks to the server or to the mock.
 */
class SystemGroupTest extends GroupSuite {

  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A response with the documented 503 of /health: on the server, a platform of its own whose S3
   * is stopped, so the probe really fails; on the mock, the documented example.
   */
  ContractClient.Exchange healthWithOneDependencyDown() {
    if (!onServer()) return client().get("/health", producing(503));
    try (LocalPlatform broken = Targets.startPlatform(Targets.tempDir("platform-s3-down"))) {
      broken.stores().orElseThrow().stopS3();
      return new ContractClient(Targets.SERVER, broken.baseUri()).get("/health");
    }
  }

  static JsonNode json(ContractClient.Exchange exchange) {
    try {
      return JSON.readTree(exchange.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + exchange.body(), e);
    }
  }

  @Test
  void info_namesTheServiceAndLinksDocsAndContract() {
    ContractClient.Exchange response = client().get("/");
    assertThat(response.status()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("name").asText()).isNotBlank();
    assertThat(body.path("links").path("docs").asText()).isEqualTo("/docs");
    assertThat(body.path("links").path("openapi").asText()).isEqualTo("/openapi.yaml");
  }

  @Test
  void health_reportsEveryDependencyUp() {
    ContractClient.Exchange response = client().get("/health");
    assertThat(response.status()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("status").asText()).isEqualTo("up");
    assertThat(body.path("dependencies").findValuesAsText("name")).containsExactlyInAnyOrder("dynamodb", "s3", "sqs");
    body.path("dependencies").forEach(d -> assertThat(d.path("latency_ms").asDouble()).isGreaterThanOrEqualTo(0));
    // the notification queue is every platform's (the sign-in flows send through it)
    assertThat(body.path("queues").findValuesAsText("name")).contains("notifications");
    body.path("queues").forEach(q -> {
      assertThat(q.path("status").asText()).isIn("ok", "degraded");
      assertThat(q.path("depth").asLong()).isGreaterThanOrEqualTo(0);
      assertThat(q.path("dead_lettered").asLong()).isGreaterThanOrEqualTo(0);
    });
  }

  @Test
  void health_is503WithTheSameShape_whenADependencyIsDown() {
    ContractClient.Exchange response = healthWithOneDependencyDown();
    assertThat(response.status()).isEqualTo(503);
    JsonNode body = json(response);
    assertThat(body.path("status").asText()).isEqualTo("down");
    assertThat(body.path("dependencies").findValuesAsText("status")).contains("down");
  }

  @Test
  void liveness_isOk() {
    ContractClient.Exchange response = client().get("/healthz");
    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void contract_isServedAsYaml() {
    ContractClient.Exchange response = client().get("/openapi.yaml", Map.of("Accept", "application/yaml"));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
    assertThat(response.body()).contains("openapi:");
  }

  @Test
  void requestId_isEchoed() {
    ContractClient.Exchange response = client().get("/healthz", Map.of("X-Request-ID", "conformance-1"));
    assertThat(response.header("X-Request-ID")).hasValue("conformance-1");
  }
}
