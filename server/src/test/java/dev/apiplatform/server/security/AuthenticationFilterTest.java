package dev.apiplatform.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.error.ApiExceptionMapper;
import dev.apiplatform.server.error.WebApplicationExceptionMapper;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.OperationResolver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filter on a real Grizzly server, driven by a small contract: the bundled one has no
 * secured operation yet. The document-level {@code security} secures every operation that does
 * not say otherwise, as OpenAPI specifies.
 */
class AuthenticationFilterTest {

  private static final String CONTRACT = """
      openapi: 3.0.3
      info: {title: test, version: "1"}
      security:
        - bearerAuth: []
      paths:
        /sec/me:
          get:
            tags: [sec]
            operationId: sec_me
            security:
              - bearerAuth: []
            responses: {"200": {description: ok}, "401": {description: no}}
        /sec/items/{itemId}:
          get:
            tags: [sec]
            operationId: sec_item
            responses: {"200": {description: ok}}
        /sec/open:
          get:
            tags: [sec]
            operationId: sec_open
            security: []
            responses: {"200": {description: ok}}
        /sec/forgot:
          get:
            tags: [sec]
            operationId: sec_forgot
            security: []
            responses: {"200": {description: ok}}
      components:
        securitySchemes:
          bearerAuth: {type: http, scheme: bearer, bearerFormat: JWT}
      """;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final Set<String> REVOKED = ConcurrentHashMap.newKeySet();
  private static TokenService tokens;
  private static HttpServer server;
  private static URI base;

  @BeforeAll
  static void start() {
    tokens = new TokenService(SigningKeys.of(SigningKeys.generate()), TokenServiceTest.ISSUER,
        TokenServiceTest.AUDIENCE, TokenServiceTest.TTL, Clock.systemUTC(), REVOKED::contains);
    ResourceConfig app = new ResourceConfig()
        .register(JacksonFeature.withoutExceptionMappers())
        .register(new ApiExceptionMapper())
        .register(new WebApplicationExceptionMapper())
        .register(new OperationResolver(Contract.fromYaml(CONTRACT)))
        .register(new AuthenticationFilter(tokens))
        .register(SecuredTestResource.class)
        .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app, true);
    base = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort());
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    if (authorization != null) request.header("Authorization", authorization);
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token(String sessionId) {
    return tokens.issue(TokenServiceTest.ALICE, sessionId).accessToken();
  }

  private static JsonNode unauthorized(HttpResponse<String> response, String challenge) throws Exception {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("type").asText()).isEqualTo("/problems/unauthorized");
    assertThat(body.path("title").asText()).isEqualTo("Authentication required");
    assertThat(body.path("status").asInt()).isEqualTo(401);
    return body;
  }

  @Test
  void contract_marksBearerOperationsSecured() {
    Contract contract = Contract.fromYaml(CONTRACT);
    assertThat(contract.find("GET", "/sec/me").secured()).isTrue();
    assertThat(contract.find("GET", "/sec/items/{itemId}").secured()).isTrue();
    assertThat(contract.find("GET", "/sec/open").secured()).isFalse();
    assertThat(Contract.load().operations()).filteredOn(op -> op.tag().equals("system"))
        .isNotEmpty().noneMatch(Contract.Operation::secured);
  }

  @Test
  void securedOperation_withoutToken_is401WithABareChallenge() throws Exception {
    JsonNode body = unauthorized(get("/sec/me", null), "Bearer realm=\"platform\"");
    assertThat(body.path("instance").asText()).isEqualTo("/sec/me");
  }

  @Test
  void securedOperation_withAnotherScheme_isTreatedAsNoToken() throws Exception {
    unauthorized(get("/sec/me", "Basic dXNlcjpwYXNz"), "Bearer realm=\"platform\"");
    unauthorized(get("/sec/me", "Bearerx " + token("s1")), "Bearer realm=\"platform\"");
  }

  @Test
  void securedOperation_withInvalidToken_namesTheReason() throws Exception {
    String invalid = "Bearer realm=\"platform\", error=\"invalid_token\", error_description=\"%s\"";
    unauthorized(get("/sec/me", "Bearer not.a.token"), invalid.formatted("malformed token"));
    unauthorized(get("/sec/me", "Bearer "), invalid.formatted("malformed token"));
    unauthorized(get("/sec/me", "Bearer " + tokens.issue(TokenServiceTest.ALICE, "s1").idToken()),
        invalid.formatted("not an access token"));
    String forged = token("s1");
    forged = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
    HttpResponse<String> response = get("/sec/me", "Bearer " + forged);
    unauthorized(response, invalid.formatted("invalid signature"));
    assertThat(response.body()).doesNotContain(forged);
  }

  @Test
  void securedOperation_withRevokedSession_is401() throws Exception {
    String token = token("revoked-session");
    assertThat(get("/sec/me", "Bearer " + token).statusCode()).isEqualTo(200);
    REVOKED.add("revoked-session");
    unauthorized(get("/sec/me", "Bearer " + token),
        "Bearer realm=\"platform\", error=\"invalid_token\", error_description=\"session revoked\"");
  }

  @Test
  void securedOperation_withValidToken_seesTheCaller() throws Exception {
    HttpResponse<String> response = get("/sec/me", "bEaReR  " + token("s-ok"));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("principal").asText()).isEqualTo("user-alice");
    assertThat(body.path("current").asText()).isEqualTo("user-alice");
    assertThat(body.path("scheme").asText()).isEqualTo("Bearer");
    assertThat(body.path("admin").asBoolean()).isTrue();
    assertThat(body.path("auditor").asBoolean()).isFalse();
    assertThat(body.path("property").asText()).isEqualTo("s-ok");
  }

  @Test
  void templatedOperation_inheritsTheDocumentsSecurity() throws Exception {
    unauthorized(get("/sec/items/42", null), "Bearer realm=\"platform\"");
    HttpResponse<String> response = get("/sec/items/42", "Bearer " + token("s1"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("principal").asText()).isEqualTo("user-alice");
  }

  @Test
  void headOfASecuredGet_isSecuredToo() throws Exception {
    HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/sec/me"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void publicAndUnlistedOperations_passUntouched() throws Exception {
    for (String path : new String[] {"/sec/open", "/sec/unlisted"}) {
      HttpResponse<String> response = get(path, "Bearer garbage");
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("principal").isNull()).as(path).isTrue();
      assertThat(body.path("property").isNull()).as(path).isTrue();
    }
  }

  @Test
  void currentUser_onAnOperationLeftPublic_is401NotAnonymous() throws Exception {
    unauthorized(get("/sec/forgot", null), "Bearer realm=\"platform\"");
  }

  @Test
  void bearerToken_parsesTheHeaderStrictly() {
    assertThat(AuthenticationFilter.bearerToken(null)).isNull();
    assertThat(AuthenticationFilter.bearerToken("Basic abc")).isNull();
    assertThat(AuthenticationFilter.bearerToken("Bear")).isNull();
    assertThat(AuthenticationFilter.bearerToken("BearerToken")).isNull();
    assertThat(AuthenticationFilter.bearerToken("Bearer")).isEmpty();
    assertThat(AuthenticationFilter.bearerToken("BEARER abc ")).isEqualTo("abc");
  }

  @Test
  void invalidChallenge_cannotBreakOutOfTheQuotedString() {
    assertThat(Unauthorized.invalidChallenge("a\"b\\c\r\nd"))
        .isEqualTo("Bearer realm=\"platform\", error=\"invalid_token\", error_description=\"abcd\"");
  }

  @Test
  void contract_treatsOptionalBearerAsRequired_failingClosed() {
    assertThat(Contract.fromYaml("""
        openapi: 3.0.3
        info: {title: t, version: "1"}
        paths:
          /x:
            get:
              security: [{}, {bearerAuth: []}]
              responses: {"200": {description: ok}}
        """).find("GET", "/x").secured()).isTrue();
  }
}
