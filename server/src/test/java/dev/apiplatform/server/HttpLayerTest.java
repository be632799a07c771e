package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.DocsResource;
import dev.apiplatform.server.http.EchoTestResource;
import dev.apiplatform.server.system.DependencyProbe;
import dev.apiplatform.server.system.HealthService;
import dev.apiplatform.server.system.SystemResource;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer on a real Grizzly server: request ids, problem documents for every failure
 * Jersey or Jackson can produce, size limit, CORS, security headers, docs. Health probes are
 * switchable lambdas here; the real probes run against real stores in conformance-tests.
 */
class HttpLayerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicBoolean S3_UP = new AtomicBoolean(true);
  private static HttpServer server;
  private static URI base;
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    AppConfig config = AppConfig.from(Map.of(
        "ALLOWED_ORIGINS", "https://app.example.com", "MAX_BODY_BYTES", "1800", "PORT", "0"));
    Contract contract = systemGroupOnly(Contract.load());
    DependencyProbe dynamo = probe("dynamodb", () -> { });
    DependencyProbe s3 = probe("s3", () -> {
      if (!S3_UP.get()) throw new IllegalStateException("down");
    });
    HealthService health = new HealthService(List.of(dynamo, s3), Executors.newFixedThreadPool(2), Duration.ofSeconds(1));
    var app = PlatformApplication.of(config, contract, contract.tags(), List.of(new SystemResource(contract, health, "test")),
        List.of(new DocsResource(Platform.buildProperties().getProperty("swaggerUiVersion"), contract.title()),
            new EchoTestResource()));
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app, true);
    base = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort());
  }

  /** The bundle cut down to the system group: the only resources this test registers. */
  static Contract systemGroupOnly(Contract full) throws Exception {
    var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) yaml.readTree(full.yaml());
    var paths = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("paths");
    var keep = List.of("/", "/health", "/healthz", "/openapi.yaml");
    paths.retain(keep);
    return Contract.fromYaml(yaml.writeValueAsString(root));
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  private interface Action {
    void run() throws Exception;
  }

  private static DependencyProbe probe(String name, Action action) {
    return new DependencyProbe() {
      public String name() {
        return name;
      }

      public void probe() throws Exception {
        action.run();
      }
    };
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
  }

  private static HttpRequest.Builder postJson(String path, String body) {
    return get(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("type").asText()).startsWith("/problems/");
    assertThat(body.path("title").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("java.", "jakarta.", "com.fasterxml", "Exception");
    return body;
  }

  @Test
  void liveness_answersWithRequestIdAndSecurityHeaders() throws Exception {
    HttpResponse<String> response = send(get("/healthz"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("ok");
    assertThat(response.headers().firstValue("X-Request-ID")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(response.headers().firstValue("X-XSS-Protection")).hasValue("1; mode=block");
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
  }

  @Test
  void requestId_isEchoedWhenWellFormed_andReplacedOtherwise() throws Exception {
    assertThat(send(get("/healthz").header("X-Request-ID", "client-abc.123")).headers().firstValue("X-Request-ID"))
        .hasValue("client-abc.123");
    String replaced = send(get("/healthz").header("X-Request-ID", "bad id\u00e9")).headers().firstValue("X-Request-ID").orElseThrow();
    assertThat(replaced).isNotEqualTo("bad id\u00e9").hasSize(36);
  }

  @Test
  void unknownPath_is404Problem() throws Exception {
    HttpResponse<String> response = send(get("/no/such/thing"));
    JsonNode body = problem(response, 404);
    assertThat(body.path("instance").asText()).isEqualTo("/no/such/thing");
    assertThat(response.headers().firstValue("X-Request-ID")).isPresent();
  }

  @Test
  void wrongMethod_is405ProblemWithAllow() throws Exception {
    HttpResponse<String> response = send(get("/healthz").DELETE());
    problem(response, 405);
    assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("GET"));
  }

  @Test
  void unacceptableMediaType_is406Problem() throws Exception {
    problem(send(get("/healthz").header("Accept", "text/csv")), 406);
  }

  @Test
  void unsupportedContentType_is415Problem() throws Exception {
    problem(send(get("/test/things").header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x"))), 415);
  }

  @Test
  void malformedJson_is400Problem_withoutParserInternals() throws Exception {
    JsonNode body = problem(send(postJson("/test/things", "{\"item_name\": ")), 400);
    assertThat(body.path("type").asText()).isEqualTo("/problems/malformed-body");
  }

  @Test
  void missingRequiredField_isListedInErrors() throws Exception {
    JsonNode body = problem(send(postJson("/test/things", "{\"quantity\": 2}")), 400);
    assertThat(body.path("type").asText()).isEqualTo("/problems/validation");
    assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("body.item_name");
    assertThat(body.path("errors").get(0).path("code").asText()).isEqualTo("required");
  }

  @Test
  void unknownProperty_isRejected() throws Exception {
    JsonNode body = problem(send(postJson("/test/things", "{\"item_name\": \"a\", \"extra\": 1}")), 400);
    assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("body.extra");
  }

  @Test
  void beanValidation_listsEveryFieldByItsContractName() throws Exception {
    JsonNode body = problem(send(postJson("/test/things", "{\"item_name\": \"toolong\", \"quantity\": 11}")), 400);
    assertThat(body.path("errors")).hasSize(2);
    assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("body.item_name");
    assertThat(body.path("errors").get(0).path("code").asText()).isEqualTo("size");
    assertThat(body.path("errors").get(1).path("field").asText()).isEqualTo("body.quantity");
    assertThat(body.path("errors").get(1).path("code").asText()).isEqualTo("max");
  }

  @Test
  void queryValidation_namesTheParameter() throws Exception {
    JsonNode body = problem(send(get("/test/things?limit=0")), 400);
    assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("query.limit");
  }

  @Test
  void queryParameterOfTheWrongType_is400NamingIt_not404() throws Exception {
    JsonNode body = problem(send(get("/test/things?limit=abc")), 400);
    assertThat(body.path("type").asText()).isEqualTo("/problems/validation");
    assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("query.limit");
    assertThat(body.path("errors").get(0).path("code").asText()).isEqualTo("type");
  }

  @Test
  void manyInvalidElements_areCappedAt50_withTheirTotal() throws Exception {
    String tags = String.join(",", java.util.Collections.nCopies(60, "\"toolong\""));
    JsonNode body = problem(send(postJson("/test/things", "{\"item_name\": \"a\", \"tags\": [" + tags + "]}")), 400);
    assertThat(body.path("errors")).hasSize(50);
    assertThat(body.path("errors_total").asInt()).isEqualTo(60);
    assertThat(body.path("detail").asText()).isEqualTo("60 fields are invalid");
  }

  @Test
  void anOversizedArray_isOneError_notOnePerElement() throws Exception {
    String tags = String.join(",", java.util.Collections.nCopies(150, "\"abcd\""));
    JsonNode body = problem(send(postJson("/test/things", "{\"item_name\": \"a\", \"tags\": [" + tags + "]}")), 400);
    assertThat(body.path("errors")).hasSize(1);
    assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("body.tags");
    assertThat(body.path("errors").get(0).path("code").asText()).isEqualTo("size");
    assertThat(body.has("errors_total")).isFalse();
  }

  @Test
  void validBody_isAccepted() throws Exception {
    HttpResponse<String> response = send(postJson("/test/things", "{\"item_name\": \"abc\", \"quantity\": 3}"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("item_name").asText()).isEqualTo("abc");
  }

  @Test
  void oversizedBody_is413_withContentLength() throws Exception {
    String big = "{\"item_name\": \"" + "a".repeat(3000) + "\"}";
    problem(send(postJson("/test/things", big)), 413);
  }

  @Test
  void oversizedBody_is413_whenChunked() throws Exception {
    byte[] big = ("{\"item_name\": \"" + "a".repeat(4000) + "\"}").getBytes();
    HttpResponse<String> response = send(get("/test/things").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
    problem(response, 413);
  }

  @Test
  void unexpectedError_is500WithIdOnly() throws Exception {
    HttpResponse<String> response = send(get("/test/boom"));
    JsonNode body = problem(response, 500);
    assertThat(body.path("error_id").asText()).hasSize(36);
    assertThat(body.path("detail").asText()).contains(body.path("error_id").asText());
    assertThat(response.body()).doesNotContain("secret internal detail");
  }

  @Test
  void cors_preflightFromAllowedOrigin_isAnswered() throws Exception {
    HttpResponse<String> response = send(get("/healthz").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST"));
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
        h -> assertThat(h).contains("Authorization"));
  }

  @Test
  void cors_otherOrigins_getNoCorsHeaders() throws Exception {
    HttpResponse<String> preflight = send(get("/healthz").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://evil.example.com").header("Access-Control-Request-Method", "GET"));
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    HttpResponse<String> simple = send(get("/healthz").header("Origin", "https://evil.example.com"));
    assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    HttpResponse<String> allowed = send(get("/healthz").header("Origin", "https://app.example.com"));
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
    assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
        h -> assertThat(h).contains("X-Request-ID"));
  }

  @Test
  void health_is200WhenAllUp_and503WithBodyWhenOneIsDown() throws Exception {
    HttpResponse<String> up = send(get("/health"));
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(up.body()).path("status").asText()).isEqualTo("up");
    S3_UP.set(false);
    try {
      HttpResponse<String> down = send(get("/health"));
      assertThat(down.statusCode()).isEqualTo(503);
      JsonNode body = JSON.readTree(down.body());
      assertThat(body.path("status").asText()).isEqualTo("down");
      assertThat(body.path("dependencies").get(0).path("status").asText()).isEqualTo("up");
      assertThat(body.path("dependencies").get(1).path("name").asText()).isEqualTo("s3");
      assertThat(body.path("dependencies").get(1).path("status").asText()).isEqualTo("down");
      assertThat(body.path("dependencies").get(1).path("detail").asText()).isEqualTo("error");
    } finally {
      S3_UP.set(true);
    }
  }

  @Test
  void contract_isServedAsYaml() throws Exception {
    HttpResponse<String> response = send(get("/openapi.yaml"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
    assertThat(response.body()).contains("openapi:").contains("/healthz:");
  }

  @Test
  void docs_serveSwaggerUiFromTheWebjar() throws Exception {
    HttpResponse<String> page = send(get("/docs"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui-bundle.js");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(c -> assertThat(c).contains("script-src 'self'"));
    HttpResponse<String> bundle = send(get("/docs/swagger-ui-bundle.js"));
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.body().length()).isGreaterThan(100_000);
    assertThat(send(get("/docs/init.js")).body()).contains("/openapi.yaml");
    assertThat(send(get("/docs/secret.properties")).statusCode()).isEqualTo(404);
  }

  @Test
  void info_linksDocsAndContract() throws Exception {
    JsonNode info = JSON.readTree(send(get("/")).body());
    assertThat(info.path("links").path("docs").asText()).isEqualTo("/docs");
    assertThat(info.path("links").path("openapi").asText()).isEqualTo("/openapi.yaml");
    assertThat(info.path("version").asText()).isEqualTo("test");
  }
}
