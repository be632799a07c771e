package dev.apiplatform.mock;

import static dev.apiplatform.mock.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ContractMockTest {

  static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @RegisterExtension
  static final MockServerExtension MOCK = MockServerExtension.forSpec(fixture());

  static Path fixture() {
    return Http.resource("/fixture-openapi.yaml");
  }

  static URI uri(String path) {
    return MOCK.baseUri().resolve(path);
  }

  @Test
  void operationsAreCountedFromTheDocument() {
    ContractMock mock = MOCK.running().mock();
    assertThat(mock.operationCount()).isEqualTo(7);
    assertThat(mock.operations()).extracting(Object::toString).contains(
        "GET /items/{id}", "DELETE /items/{id}", "GET /items/special", "POST /jobs");
  }

  @Test
  void pathParametersMatchAnySegmentAndServeTheFirstNamedExample() throws Exception {
    HttpResponse<String> r = Http.send("GET", uri("/items/whatever-123?x=1"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(r)).isEqualTo(Http.JSON.readTree("{\"id\":\"lamp-1\",\"name\":\"Lamp\",\"price\":12.5}"));

    HttpResponse<String> deep = Http.send("GET", uri("/items/a/photos/b"));
    assertThat(deep.statusCode()).isEqualTo(200);
    assertThat(deep.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(deep.body()).isEqualTo("A lamp on a desk");

    // a path parameter never spans segments
    assertThat(Http.send("GET", uri("/items/a/b")).statusCode()).isEqualTo(404);
  }

  @Test
  void literalPathWinsOverTemplate() throws Exception {
    HttpResponse<String> r = Http.send("GET", uri("/items/special"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("kind").asText()).isEqualTo("special");
    // the literal path has no DELETE: the templated one answers
    assertThat(Http.send("DELETE", uri("/items/special")).statusCode()).isEqualTo(204);
  }

  @Test
  void firstDocumented2xxWithMediaTypeExampleAndHeaderExamples() throws Exception {
    HttpResponse<String> r = Http.sendBody("POST", uri("/items"), "{\"name\":\"Lamp\"}",
        "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).hasValue("/items/lamp-1");
    JsonNode body = json(r);
    assertThat(body.path("id").asText()).isEqualTo("lamp-1");
    assertThat(body.path("created_at").asText()).isEqualTo("2026-11-23T10:15:30Z");
    assertThat(body.path("tags").get(0).asText()).isEqualTo("light");
  }

  @Test
  void exampleIsSynthesizedFromTheSchemaWhenTheMediaTypeHasNone() throws Exception {
    HttpResponse<String> r = Http.send("GET", uri("/items?limit=5"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Total-Count")).hasValue("42");
    JsonNode body = json(r);
    assertThat(body.path("items")).hasSize(1);
    JsonNode item = body.path("items").get(0);
    // allOf merged: Base's property examples + the inline member's
    assertThat(item.path("id").asText()).isEqualTo("item-1");
    assertThat(item.path("created_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(item.path("name").asText()).isEqualTo("Lamp");
    assertThat(item.path("price").asDouble()).isEqualTo(12.5);
    assertThat(item.path("condition").asText()).isEqualTo("new"); // first enum value
    assertThat(item.path("tags").get(0).asText()).isEqualTo("light"); // array of one item
    assertThat(item.has("secret")).as("writeOnly property").isFalse();
    assertThat(item.has("related")).as("recursion stops").isFalse();
    assertThat(body.path("page").path("limit").asInt()).isEqualTo(20); // default
    assertThat(body.path("page").path("has_more").asBoolean()).isFalse();

    HttpResponse<String> job = Http.send("POST", uri("/jobs"));
    assertThat(job.statusCode()).isEqualTo(202);
    assertThat(json(job).path("id").asText()).matches(UUID_RE);
    assertThat(json(job).path("state").asText()).isEqualTo("queued");
  }

  @Test
  void noContentHasNoBody() {
    HttpResponse<String> r = Http.send("DELETE", uri("/items/lamp-1"));
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("Content-Type")).isEmpty();
    assertThat(r.headers().firstValue("X-Request-ID")).isPresent();
  }

  @Test
  void preferCodeServesTheDocumentedProblemExample() throws Exception {
    HttpResponse<String> r = Http.send("GET", uri("/items/nope"), "Prefer", "code=404");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.headers().firstValue("Preference-Applied")).hasValue("code=404");
    assertThat(json(r)).isEqualTo(Http.JSON.readTree("{\"type\":\"/problems/not-found\","
        + "\"title\":\"Resource not found\",\"status\":404,"
        + "\"detail\":\"No item with id 'demo'\",\"instance\":\"/items/demo\"}"));

    // other preferences around it are tolerated
    assertThat(Http.send("GET", uri("/items/x"), "Prefer", "respond-async, code=404, wait=5")
        .statusCode()).isEqualTo(404);
    assertThat(Http.sendBody("POST", uri("/items"), "{}", "Prefer", "code=400").statusCode())
        .isEqualTo(400);
  }

  @Test
  void preferCodeMatchesRangeAndDefaultResponses() throws Exception {
    HttpResponse<String> r = Http.send("GET", uri("/items/x"), "Prefer", "code=503");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(json(r).path("type").asText()).isEqualTo("/problems/unavailable");

    HttpResponse<String> d = Http.send("POST", uri("/jobs"), "Prefer", "code=409");
    assertThat(d.statusCode()).isEqualTo(409);
    assertThat(d.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void preferCodeNotDocumentedIs400Problem() throws Exception {
    HttpResponse<String> r = Http.send("DELETE", uri("/items/x"), "Prefer", "code=418");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = json(r);
    assertThat(p.path("type").asText()).isEqualTo("/problems/mock-undocumented-status");
    assertThat(p.path("status").asInt()).isEqualTo(400);
    assertThat(p.path("detail").asText())
        .contains("code=418", "DELETE /items/{id}", "204, 404");
    assertThat(p.path("instance").asText()).isEqualTo("/items/x");
  }

  @Test
  void unknownPathIs404Problem() throws Exception {
    HttpResponse<String> r = Http.send("GET", uri("/nothing/here?q=1"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.headers().firstValue("X-Request-ID").orElseThrow()).matches(UUID_RE);
    JsonNode p = json(r);
    assertThat(p.path("type").asText()).isEqualTo("/problems/not-found");
    assertThat(p.path("title").asText()).isNotBlank();
    assertThat(p.path("status").asInt()).isEqualTo(404);
    assertThat(p.path("detail").asText()).contains("GET /nothing/here");
    assertThat(p.path("instance").asText()).isEqualTo("/nothing/here");
  }

  @Test
  void undocumentedMethodOnKnownPathIs405WithAllow() throws Exception {
    HttpResponse<String> r = Http.sendBody("PUT", uri("/items/special"), "{}");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    assertThat(json(r).path("type").asText()).isEqualTo("/problems/method-not-allowed");
  }

  @Test
  void requestIdIsEchoedOrCreated() {
    HttpResponse<String> echoed = Http.send("GET", uri("/items/1"), "X-Request-ID", "test-42.a:b");
    assertThat(echoed.headers().firstValue("X-Request-ID")).hasValue("test-42.a:b");
    HttpResponse<String> created = Http.send("GET", uri("/items/1"));
    assertThat(created.headers().firstValue("X-Request-ID").orElseThrow()).matches(UUID_RE);
    HttpResponse<String> malformed = Http.send("GET", uri("/items/1"), "X-Request-ID", "bad id!");
    assertThat(malformed.headers().firstValue("X-Request-ID").orElseThrow()).matches(UUID_RE);
    HttpResponse<String> problem = Http.send("GET", uri("/zzz"), "X-Request-ID", "abc");
    assertThat(problem.headers().firstValue("X-Request-ID")).hasValue("abc");
  }

  @Test
  void corsPreflightAndAllowOrigin() {
    HttpResponse<String> pre = Http.send("OPTIONS", uri("/items/1"),
        "Origin", "http://localhost:3000",
        "Access-Control-Request-Method", "DELETE",
        "Access-Control-Request-Headers", "authorization, prefer");
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("DELETE");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("Authorization", "Prefer"); // the platform's fixed list, as its CorsFilter sends

    HttpResponse<String> r = Http.send("GET", uri("/items/1"), "Origin", "http://localhost:3000");
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("X-Request-ID");
  }

  @Test
  void plainApiStartsAndStops() {
    try (RunningMock m = ContractMock.start(0, fixture())) {
      assertThat(m.port()).isPositive();
      assertThat(m.baseUri().toString()).isEqualTo("http://127.0.0.1:" + m.port());
      assertThat(Http.send("GET", m.baseUri().resolve("/items/special")).statusCode()).isEqualTo(200);
      m.stop();
      assertThat(m.isRunning()).isFalse();
    }
  }
}
