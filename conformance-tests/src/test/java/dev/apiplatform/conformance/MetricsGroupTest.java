package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The metrics group (issue 13) on every target: the Prometheus exposition as text, the
 * summaries in seed 003's {@code data} + {@code metadata} envelope, another user's figures 403.
 * The exposition itself is parsed in the server's {@code MetricsEndpointTest}.
 */
class MetricsGroupTest extends OwnedGroupSuite {

  @Test
  void scrape_isPrometheusText_withTheRequestHistogram() {
    client().get("/healthz");
    ContractClient.Exchange scrape = client().get("/metrics");
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(scrape.body()).contains("# TYPE http_server_requests_seconds histogram")
        .contains("http_server_requests_seconds_count{operation=\"system_getLiveness\",status=\"200\"}");
  }

  @Test
  void health_isInTheEnvelope_withBothDependencies() {
    JsonNode body = ok(client().get("/api/v1/metrics/health", bearer(owner)), 200);
    assertThat(body.path("data").path("status").asText()).isEqualTo("healthy");
    if (onServer()) {
      assertThat(body.path("data").path("dependencies").findValuesAsText("name")).containsExactlyInAnyOrder("dynamodb", "s3");
    }
    assertThat(body.path("metadata").path("request_id").asText()).isNotBlank();
  }

  @Test
  void system_reportsTheJvm() {
    JsonNode body = ok(client().get("/api/v1/metrics/system", bearer(owner)), 200);
    assertThat(body.path("data").path("jvm").path("heap_used_bytes").asLong()).isPositive();
    assertThat(body.path("data").path("process").path("available_processors").asInt()).isPositive();
  }

  @Test
  void user_ownFigures_200_anotherUsers_403() {
    String me = MarketUsers.userId(owner);
    ok(client().get("/api/v1/metrics/health", bearer(owner)), 200); // counted once answered
    JsonNode body = ok(client().get("/api/v1/metrics/user/" + me, bearer(owner)), 200);
    if (onServer()) {
      assertThat(body.path("data").path("user_id").asText()).isEqualTo(me);
      assertThat(body.path("data").path("requests").path("total").asLong()).isPositive();
    }
    assertProblem(client().get("/api/v1/metrics/user/" + MarketUsers.userId(other),
        merge(bearer(owner), producing(403))), 403);
  }

  @Test
  void summaries_withoutAValidToken_are401() {
    assertUnauthorized(client().get("/api/v1/metrics/health", merge(bearer("not.a.token"), producing(401))), true);
    assertUnauthorized(client().get("/api/v1/metrics/system", merge(bearer("not.a.token"), producing(401))), true);
    assertUnauthorized(client().get("/api/v1/metrics/user/u1", merge(bearer("not.a.token"), producing(401))), true);
  }
}
