package dev.apiplatform.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.Platform;
import dev.apiplatform.server.auth.AuthGroup;
import dev.apiplatform.server.system.SystemGroup;
import dev.apiplatform.server.testing.EmbeddedPlatform;
import dev.apiplatform.server.testing.MotionClient;
import dev.apiplatform.server.testing.MotionClient.Res;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /metrics} parsed with a strict text-format parser ({@link PrometheusText}), and the
 * JSON summaries, on a platform with the system, auth and metrics groups (dev stage).
 */
class MetricsEndpointTest {

  private static final ObjectMapper JSON = MotionClient.JSON;
  @RegisterExtension
  static final EmbeddedPlatform stores = new EmbeddedPlatform();
  private static Platform platform;
  private static MotionClient motion;

  @BeforeAll
  static void start() throws Exception {
    platform = stores.platform(Map.of("CODE_RESEND_INTERVAL_SECONDS", "1", "CODES_PER_HOUR", "1000",
            "AUTH_REQUESTS_PER_MINUTE", "100000", "RATE_LIMIT_REQUESTS", "100000", "QUEUE_POLL_WAIT_SECONDS", "1"),
        List.of(new SystemGroup(), new AuthGroup(), new MetricsGroup()));
    motion = new MotionClient(platform.baseUri());
  }

  static Res call(String method, String path, String token, Object body) throws Exception {
    return motion.call(method, path, token, body);
  }

  /** Seed 001's sign-up (its confirmation code is also sent as a queued notification job). */
  static String[] signUp() throws Exception {
    String token = motion.signUp().token();
    return new String[] {token, userIdOf(token)};
  }

  static String userIdOf(String jwt) throws Exception {
    String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
        java.nio.charset.StandardCharsets.UTF_8);
    return JSON.readTree(payload).path("sub").asText();
  }

  static PrometheusText scrape() throws Exception {
    Res r = call("GET", "/metrics", null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.type()).startsWith("text/plain");
    return PrometheusText.parse(r.text());
  }

  @Test
  void scrape_countsRequestsPerOperationAndStatus_neverPerPath() throws Exception {
    for (int i = 0; i < 3; i++) assertThat(call("GET", "/healthz", null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/no/such/path-4711", null, null).status()).isEqualTo(404);

    PrometheusText text = scrape();

    assertThat(text.family("http_server_requests_seconds")).get()
        .extracting(PrometheusText.Family::type).isEqualTo("histogram");
    assertThat(text.value("http_server_requests_seconds_count",
        Map.of("operation", "system_getLiveness", "status", "200"))).isGreaterThanOrEqualTo(3);
    assertThat(text.value("http_server_requests_seconds_count",
        Map.of("operation", "unmatched", "status", "404"))).isGreaterThanOrEqualTo(1);
    assertThat(text.samples("http_server_requests_seconds_bucket",
        Map.of("operation", "system_getLiveness", "status", "200"))).hasSize(13); // 12 bounds + +Inf
    // an operation not called yet has its success series, at zero
    assertThat(text.value("http_server_requests_seconds_count",
        Map.of("operation", "system_getContract", "status", "200"))).isZero();
    assertThat(text.samples("http_server_requests_seconds_count", Map.of()))
        .allSatisfy(s -> assertThat(s.labels().get("operation")).doesNotContain("/"));
  }

  @Test
  void scrape_hasJvmMemoryGcAndThreads() throws Exception {
    PrometheusText text = scrape();
    assertThat(text.samples("jvm_memory_used_bytes", Map.of("area", "heap"))).isNotEmpty();
    assertThat(text.samples("jvm_memory_max_bytes", Map.of("area", "nonheap"))).isNotEmpty();
    assertThat(text.family("jvm_gc_live_data_size_bytes")).isPresent();
    assertThat(text.familyNames()).as("GC families").anyMatch(n -> n.startsWith("jvm_gc_pause") || n.startsWith("jvm_gc_memory"));
    assertThat(text.value("jvm_threads_live_threads", Map.of())).isGreaterThan(1);
    assertThat(text.value("process_uptime_seconds", Map.of())).isPositive();
  }

  @Test
  void scrape_timesDynamoDbAndS3Calls() throws Exception {
    // the start created tables and the media bucket; /health reads both
    assertThat(call("GET", "/health", null, null).status()).isEqualTo(200);
    PrometheusText text = scrape();
    assertThat(text.family("aws_client_calls_seconds")).get()
        .extracting(PrometheusText.Family::type).isEqualTo("histogram");
    assertThat(text.samples("aws_client_calls_seconds_count", Map.of("service", "DynamoDb", "outcome", "success")))
        .isNotEmpty().anySatisfy(s -> assertThat(s.value()).isPositive());
    assertThat(text.samples("aws_client_calls_seconds_count", Map.of("service", "S3", "outcome", "success")))
        .isNotEmpty().anySatisfy(s -> assertThat(s.value()).isPositive());
  }

  @Test
  void scrape_countsJobOutcomes_perQueue() throws Exception {
    signUp(); // queues the confirmation e-mail; the in-process worker sends it (to the log in dev)
    double handled = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (handled < 1 && System.nanoTime() < deadline) {
      List<PrometheusText.Sample> found = scrape().samples("jobs_outcomes_total",
          Map.of("queue", "notifications", "outcome", "handled"));
      handled = found.isEmpty() ? 0 : found.get(0).value();
      if (handled < 1) Thread.sleep(200);
    }
    assertThat(handled).isGreaterThanOrEqualTo(1);
    assertThat(scrape().value("jobs_outcomes_total", Map.of("queue", "notifications", "outcome", "dead_lettered")))
        .isZero();
    PrometheusText text = scrape();
    assertThat(text.value("jobs_queue_depth_messages", Map.of("queue", "notifications"))).isNotNaN().isNotNegative();
    assertThat(text.value("jobs_queue_dead_letters_messages", Map.of("queue", "notifications"))).isZero();
    assertThat(text.value("jobs_queue_oldest_age_seconds", Map.of("queue", "notifications"))).isNotNegative();
  }

  @Test
  void summaries_areInTheEnvelope_userOnlyForTheirOwnId() throws Exception {
    String[] me = signUp();
    String[] other = signUp();
    assertThat(call("GET", "/api/v1/metrics/health", null, null).status()).isEqualTo(401);

    Res health = call("GET", "/api/v1/metrics/health", me[0], null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().path("data").path("status").asText()).isEqualTo("healthy");
    assertThat(health.body().path("data").path("dependencies").size()).isEqualTo(2);
    assertThat(health.body().path("data").path("requests").path("total").asLong()).isPositive();
    assertThat(health.body().path("metadata").path("service").asText()).isEqualTo("metrics");

    Res system = call("GET", "/api/v1/metrics/system", me[0], null);
    assertThat(system.status()).isEqualTo(200);
    JsonNode data = system.body().path("data");
    assertThat(data.path("metrics_enabled").asBoolean()).isTrue();
    assertThat(data.path("jvm").path("heap_used_bytes").asLong()).isPositive();
    assertThat(data.path("aws").findValuesAsText("service")).contains("DynamoDb", "S3");

    call("GET", "/api/v1/metrics/health", me[0], null);
    Res mine = call("GET", "/api/v1/metrics/user/" + me[1], me[0], null);
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.body().path("data").path("user_id").asText()).isEqualTo(me[1]);
    assertThat(mine.body().path("data").path("tracked").asBoolean()).isTrue();
    assertThat(mine.body().path("data").path("requests").path("total").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(mine.body().path("data").path("last_request_at").asText()).isNotBlank();

    assertThat(call("GET", "/api/v1/metrics/user/" + other[1], me[0], null).status()).isEqualTo(403);
    assertThat(call("GET", "/api/v1/metrics/user/bad%20id", me[0], null).status()).isEqualTo(400);
  }
}
