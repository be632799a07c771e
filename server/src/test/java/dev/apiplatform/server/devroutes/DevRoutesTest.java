package dev.apiplatform.server.devroutes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.testing.ClarityPlatform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test routes in dev, the debug routes in dev (secrets masked), and their absence from prod's contract. */
class DevRoutesTest {

  @TempDir static Path dir;
  static ClarityPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = ClarityPlatform.start(dir, Map.of("GEMINI_API_KEY", "gk-very-secret"),
        List.of(new TestGroup(), new DebugGroup()));
  }

  @AfterAll
  static void stop() {
    if (platform != null) platform.close();
  }

  @Test
  void hello_andEcho_answerInTheEnvelope_andEchoIsBounded() throws Exception {
    var hello = platform.call("GET", "/api/v1/test/hello", null, null);
    assertThat(hello.status()).isEqualTo(200);
    assertThat(hello.body().path("data").path("stage").asText()).isEqualTo("dev");
    var echo = platform.call("POST", "/api/v1/test/echo", null, Map.of("message", "ping", "attributes", Map.of("a", "b")));
    assertThat(echo.body().path("data").path("message").asText()).isEqualTo("ping");
    assertThat(echo.body().path("data").path("attributes").path("a").asText()).isEqualTo("b");
    assertThat(platform.call("POST", "/api/v1/test/echo", null, Map.of("message", "x".repeat(1001))).status())
        .isEqualTo(400);
    assertThat(platform.call("POST", "/api/v1/test/echo", null, Map.of("message", "x", "more", 1)).status())
        .isEqualTo(400);
  }

  @Test
  void protected_needsAToken_andNamesTheCaller() throws Exception {
    assertThat(platform.call("GET", "/api/v1/test/protected", null, null).status()).isEqualTo(401);
    var ada = platform.signUp();
    var me = platform.call("GET", "/api/v1/test/protected", ada.token(), null);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().path("data").path("user_id").asText()).isEqualTo(ada.userId());
  }

  @Test
  void error_answersTheProblemAskedFor_neverA500() throws Exception {
    Map<String, Integer> expected = Map.of("", 400, "?kind=validation", 400, "?kind=not_found", 404,
        "?kind=conflict", 409, "?kind=unavailable", 503, "?kind=none", 200, "?kind=explode", 400);
    for (var e : expected.entrySet()) {
      var r = platform.call("GET", "/api/v1/test/error" + e.getKey(), null, null);
      assertThat(r.status()).as(e.getKey()).isEqualTo(e.getValue());
      if (r.status() != 200) {
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      }
    }
  }

  @Test
  void debugRoutes_inDev_showSettings_withSecretsMasked() throws Exception {
    var config = platform.call("GET", "/api/v1/debug/config", null, null);
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.raw().body()).doesNotContain("gk-very-secret");
    var settings = config.body().path("data").path("settings");
    assertThat(settings.findValues("name").stream().map(n -> n.asText())).contains("STAGE", "GEMINI_API_KEY");
    for (var s : settings) {
      if (s.path("name").asText().equals("GEMINI_API_KEY")) assertThat(s.path("value").asText()).isEqualTo("***");
      if (s.path("name").asText().equals("LLM_API_KEY")) assertThat(s.path("value").asText()).isEqualTo("<unset>");
    }
    var auth = platform.call("GET", "/api/v1/debug/auth-info", null, null);
    assertThat(auth.body().path("data").path("settings").findValuesAsText("name")).contains("JWT_ISSUER", "JWT_SIGNING_KEYS");
    var health = platform.call("GET", "/api/v1/debug/health", null, null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().path("data").path("checks").findValuesAsText("name")).contains("dynamodb");
    assertThat(platform.call("GET", "/openapi.yaml", null, null).raw().body()).contains("/api/v1/debug/config");
  }

  @Test
  void inProd_theContractHasNoDebugOperations_andServesNoneOfTheirPaths() {
    Contract dev = Contract.load(Stage.DEV);
    Contract prod = Contract.load(Stage.PROD);
    assertThat(dev.find("GET", "/api/v1/debug/config")).isNotNull();
    assertThat(prod.find("GET", "/api/v1/debug/config")).isNull();
    assertThat(prod.find("GET", "/api/v1/debug/health")).isNull();
    assertThat(prod.servedYaml()).doesNotContain("/api/v1/debug/").contains("/api/v1/test/hello");
    assertThat(prod.operations()).hasSize(dev.operations().size() - 3);
  }

  @Test
  void aStageThatListsEveryOperation_servesTheBundleAsPackaged() {
    Contract all = Contract.load();
    Contract dev = Contract.load(Stage.DEV);
    assertThat(dev.yaml()).isEqualTo(all.yaml());
    assertThat(dev.operations()).containsExactlyInAnyOrderElementsOf(all.operations());
    assertThat(dev.bodyRules()).isEqualTo(all.bodyRules());
  }
}
