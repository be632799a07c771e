package dev.apiplatform.mock;

import static dev.apiplatform.mock.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Security, request validation and Prefer: example on a fixture contract, with the default options. */
class MockFeaturesTest {


  @RegisterExtension
  static final MockServerExtension MOCK = MockServerExtension.forSpec(fixture());

  static Path fixture() {
    return Http.resource("/fixture-features.yaml");
  }

  static URI uri(String path) {
    return MOCK.baseUri().resolve(path);
  }

  static HttpResponse<String> post(String path, String contentType, String body, String... more) {
    String[] headers = new String[4 + more.length];
    headers[0] = "Authorization";
    headers[1] = Tokens.bearer();
    headers[2] = "Content-Type";
    headers[3] = contentType;
    System.arraycopy(more, 0, headers, 4, more.length);
    return Http.sendBody("POST", uri(path), body, headers);
  }

  @Test
  void defaultsBindLoopbackOnly() {
    assertThat(MockOptions.defaults().host()).isEqualTo("127.0.0.1");
    assertThat(MOCK.baseUri().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void bearerOperation_withoutToken_is401WithWwwAuthenticate() throws Exception {
    HttpResponse<String> r = Http.send("GET", uri("/pets/rex"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(json(r).path("type").asText()).isEqualTo("/problems/unauthorized");
  }

  @Test
  void bearerOperation_rejectsMalformedAndExpiredTokens() throws Exception {
    for (String token : new String[] {"mock-token", "a.b.c", Tokens.jwt("{\"exp\":1000}")}) {
      HttpResponse<String> r = Http.send("GET", uri("/pets/rex"), "Authorization", "Bearer " + token);
      assertThat(r.statusCode()).as(token).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Bearer error=\"invalid_token\"");
    }
  }

  @Test
  void bearerOperation_acceptsAnyWellFormedJwt_andPublicOperationNeedsNone() {
    assertThat(Http.send("GET", uri("/pets/rex"), "Authorization", Tokens.bearer()).statusCode()).isEqualTo(200);
    assertThat(Http.send("GET", uri("/pets/rex"), "Authorization", "Bearer " + Tokens.jwt("{\"sub\":\"x\"}"))
        .statusCode()).isEqualTo(200);
    assertThat(Http.send("GET", uri("/ping")).statusCode()).isEqualTo(200);
  }

  @Test
  void invalidJsonBody_is400ProblemOnTheBody() throws Exception {
    HttpResponse<String> r = post("/pets", "application/json", "{\"pet_id\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode p = json(r);
    assertThat(p.path("type").asText()).isEqualTo("/problems/validation");
    assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo("body");
  }

  @Test
  void wrongMediaType_is415WhereDocumented() throws Exception {
    HttpResponse<String> r = post("/pets", "text/plain", "hello");
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(json(r).path("type").asText()).isEqualTo("/problems/unsupported-media-type");
    assertThat(json(r).path("errors").get(0).path("field").asText()).isEqualTo("header.Content-Type");
  }

  @Test
  void wrongMediaType_isRefusedBeforeSecurity_andOversizedBodiesBeforeRouting_likeThePlatform() throws Exception {
    HttpResponse<String> text = Http.sendBody("POST", uri("/pets"), "hello", "Content-Type", "text/plain");
    assertThat(text.statusCode()).isEqualTo(415);
    HttpResponse<String> big = Http.sendBody("POST", uri("/nowhere"), "x".repeat(1_048_577),
        "Content-Type", "application/json");
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(json(big).path("type").asText()).isEqualTo("/problems/payload-too-large");
  }

  @Test
  void schemaViolations_listEveryFieldWithItsPath() throws Exception {
    HttpResponse<String> r = post("/pets", "application/json",
        "{\"pet_id\":\"Not Valid!\",\"age\":99,\"extra\":1}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode errors = json(r).path("errors");
    assertThat(errors.findValuesAsText("field"))
        .contains("body.pet_id", "body.age", "body.name", "body.extra");
    assertThat(errors.toString()).contains("\"code\":\"max\"", "\"code\":\"required\"", "\"code\":\"pattern\"");
  }

  @Test
  void parameterViolations_nameTheirLocation() throws Exception {
    HttpResponse<String> path = Http.send("GET", uri("/pets/NOT_OK"), "Authorization", Tokens.bearer());
    assertThat(path.statusCode()).isEqualTo(400);
    assertThat(json(path).path("errors").findValuesAsText("field")).contains("path.pet_id");

    HttpResponse<String> query = Http.send("GET", uri("/pets?limit=500"), "Authorization", Tokens.bearer());
    assertThat(query.statusCode()).isEqualTo(400);
    assertThat(json(query).path("errors").findValuesAsText("field")).contains("query.limit");

    HttpResponse<String> header = Http.sendBody("PATCH", uri("/pets/rex"), "{}", "Authorization",
        Tokens.bearer(), "Content-Type", "application/json", "If-Match", "\"12345678901\"");
    assertThat(header.statusCode()).isEqualTo(400);
    assertThat(json(header).path("errors").findValuesAsText("field")).contains("header.If-Match");
  }

  @Test
  void operationDocumentingOnly422_answers422() {
    assertThat(post("/uploads", "application/json", "{\"size\":0}").statusCode()).isEqualTo(422);
    assertThat(post("/uploads", "application/json", "{\"size\":5}").statusCode()).isEqualTo(202);
  }

  @Test
  void validRequest_getsTheDocumentedExample() throws Exception {
    HttpResponse<String> r = post("/pets", "application/json", "{\"pet_id\":\"fido\",\"name\":\"Fido\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(json(r).path("pet_id").asText()).isEqualTo("rex"); // stateless: the example
  }

  @Test
  void noValidate_letsInvalidRequestsThrough() {
    try (RunningMock m = ContractMock.startWith(MockOptions.defaults().withPort(0).withSpec(fixture())
        .withValidation(false))) {
      HttpResponse<String> r = Http.sendBody("POST", m.baseUri().resolve("/pets"), "not json",
          "Authorization", Tokens.bearer(), "Content-Type", "text/plain");
      assertThat(r.statusCode()).isEqualTo(201);
    }
  }

  @Test
  void preferExample_picksTheNamedExample() throws Exception {
    HttpResponse<String> r = Http.send("GET", uri("/pets/rex"), "Authorization", Tokens.bearer(),
        "Prefer", "example=tom");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("name").asText()).isEqualTo("Tom");
    assertThat(r.headers().firstValue("Preference-Applied")).hasValue("example=tom");
  }

  @Test
  void preferExample_unknownName_is400ListingTheNames() throws Exception {
    HttpResponse<String> r = Http.send("GET", uri("/pets/rex"), "Authorization", Tokens.bearer(),
        "Prefer", "example=garfield");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("type").asText()).isEqualTo("/problems/mock-unknown-example");
    assertThat(json(r).path("detail").asText()).contains("rex, tom (200)");
  }

  @Test
  void preferCode_stillServesTheDocumentedStatus() throws Exception {
    HttpResponse<String> r = Http.send("GET", uri("/pets/rex"), "Authorization", Tokens.bearer(),
        "Prefer", "code=404");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Preference-Applied")).hasValue("code=404");
  }

  @Test
  void cors_likeThePlatform_onlyForAllowedOrigins() {
    HttpResponse<String> pre = Http.send("OPTIONS", uri("/pets"), "Origin", "http://localhost:3000",
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization");
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization", "Prefer");

    HttpResponse<String> r = Http.send("GET", uri("/ping"), "Origin", "http://localhost:3000");
    assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("X-Request-ID", "ETag");
    assertThat(Http.send("GET", uri("/ping")).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    try (RunningMock m = ContractMock.startWith(MockOptions.defaults().withPort(0).withSpec(fixture())
        .withAllowedOrigins(java.util.List.of("https://app.example.com")))) {
      assertThat(Http.send("GET", m.baseUri().resolve("/ping"), "Origin", "https://evil.example.com")
          .headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      assertThat(Http.send("GET", m.baseUri().resolve("/ping"), "Origin", "https://app.example.com")
          .headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
    }
  }

  @Test
  void journal_listsAnsweredRequests_withoutCredentials() throws Exception {
    Http.send("GET", uri("/pets/rex"), "Authorization", Tokens.bearer(), "X-Request-ID", "journal-1");
    Http.send("GET", uri("/ping"));
    assertThat(MOCK.requests()).extracting(Journal.Entry::path).containsExactly("/pets/rex", "/ping");
    assertThat(MOCK.requests().get(0).operationId()).isEqualTo("pets_get");

    JsonNode listed = json(Http.send("GET", uri("/__mock/requests")));
    assertThat(listed.path("requests").get(0).path("request_id").asText()).isEqualTo("journal-1");
    assertThat(listed.toString()).doesNotContain(Tokens.valid()).contains("bearer <redacted>");

    assertThat(Http.send("DELETE", uri("/__mock/requests")).statusCode()).isEqualTo(204);
    assertThat(MOCK.requests()).isEmpty();
  }
}
