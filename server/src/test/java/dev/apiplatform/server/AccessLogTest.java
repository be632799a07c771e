package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.system.DependencyProbe;
import dev.apiplatform.server.system.HealthService;
import dev.apiplatform.server.system.SystemResource;
import dev.apiplatform.server.testing.CapturedLogs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access log through the platform's whole filter chain on a real Grizzly server: one line
 * per request with every field, the socket peer as remote, never the query string, and the
 * request id of the line on the response, for matched, unmatched and failing requests.
 */
class AccessLogTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static CapturedLogs lines;
  private static HttpServer server;
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    lines = CapturedLogs.of("access", Level.INFO);
    AppConfig config = AppConfig.from(Map.of("PORT", "0", "MAX_BODY_BYTES", "1024"));
    Contract contract = HttpLayerTest.systemGroupOnly(Contract.load());
    DependencyProbe probe = new DependencyProbe() {
      public String name() {
        return "dynamodb";
      }

      public void probe() {
      }
    };
    HealthService health = new HealthService(List.of(probe), Executors.newFixedThreadPool(1), Duration.ofSeconds(1));
    var app = PlatformApplication.of(config, contract, contract.tags(), List.of(new SystemResource(contract, health, "t")),
        List.of());
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app, true);
    base = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort());
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
    lines.close();
  }

  @BeforeEach
  void clear() {
    lines.clear();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The one line logged for the response (the response filter runs before the body is sent). */
  private static JsonNode onlyLine() throws Exception {
    List<ILoggingEvent> events = lines.events();
    assertThat(events).hasSize(1);
    return JSON.readTree(events.get(0).getFormattedMessage());
  }

  @Test
  void matchedRequest_logsEveryField_andNeverTheQueryString() throws Exception {
    Instant before = Instant.now().minusMillis(1);
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/healthz?token=s3cr3t&x=1"))
        .header("User-Agent", "bench/1"));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode line = onlyLine();
    assertThat(line.toString()).doesNotContain("s3cr3t").doesNotContain("token").doesNotContain("?");
    assertThat(Instant.parse(line.path("ts").asText())).isBetween(before, Instant.now());
    assertThat(line.path("request_id").asText()).isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
    assertThat(line.path("method").asText()).isEqualTo("GET");
    assertThat(line.path("path").asText()).isEqualTo("/healthz");
    assertThat(line.path("status").asInt()).isEqualTo(200);
    assertThat(line.path("duration_ms").isNumber()).isTrue();
    assertThat(line.path("duration_ms").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(line.path("remote").asText()).isEqualTo("127.0.0.1");
    assertThat(line.path("user_agent").asText()).isEqualTo("bench/1");
  }

  @Test
  void unmatchedPath_isLoggedWithItsStatus_andAnswersWithTheLinesRequestId() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/no/such?secret=1")));
    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode line = onlyLine();
    assertThat(line.path("status").asInt()).isEqualTo(404);
    assertThat(line.path("path").asText()).isEqualTo("/no/such");
    assertThat(line.toString()).doesNotContain("secret");
    assertThat(line.path("request_id").asText()).isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
  }

  @Test
  void refusedRequest_stillGetsARequestId() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/healthz"))
        .method("DELETE", HttpRequest.BodyPublishers.noBody()).header("X-Request-ID", "mine-42"));
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("X-Request-ID")).hasValue("mine-42");
    assertThat(onlyLine().path("request_id").asText()).isEqualTo("mine-42");
  }
}
