package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test routes (seed 003 section 1.8) on every target. */
class TestGroupTest extends GroupSuite {

  @Test
  void hello_is200_inTheEnvelope() {
    assertThat(ok(client().get("/api/v1/test/hello"), 200).path("data").path("message").asText()).isNotBlank();
  }

  @Test
  void echo_answersTheBody_andRefusesOversizedOrUnknownMembers() {
    String body = PatGroupTest.json(Map.of("message", "ping", "attributes", Map.of("client", "ios")));
    var echo = ok(client().post("/api/v1/test/echo", Map.of(), body), 200);
    if (onServer()) assertThat(echo.path("data").path("message").asText()).isEqualTo("ping");
    assertProblem(client().callBreakingContract("POST", "/api/v1/test/echo",
        merge(ItemsGroupTest.jsonType(), producing(400)), "{\"message\":\"" + "x".repeat(1001) + "\"}"), 400);
    assertProblem(client().callBreakingContract("POST", "/api/v1/test/echo",
        merge(ItemsGroupTest.jsonType(), producing(400)), "{\"message\":\"x\",\"extra\":1}"), 400);
  }

  @Test
  void protected_needsAToken() {
    String token = MarketUsers.token(client());
    var me = ok(client().get("/api/v1/test/protected", bearer(token)), 200);
    if (onServer()) assertThat(me.path("data").path("user_id").asText()).isEqualTo(MarketUsers.userId(token));
    assertUnauthorized(client().get("/api/v1/test/protected", merge(bearer("not.a.token"), producing(401))), true);
  }

  @Test
  void error_answersTheDocumentedProblems() {
    assertProblem(client().get("/api/v1/test/error", producing(400)), 400);
    assertProblem(client().get("/api/v1/test/error?kind=not_found", producing(404)), 404);
    assertProblem(client().get("/api/v1/test/error?kind=conflict", producing(409)), 409);
    assertProblem(client().get("/api/v1/test/error?kind=unavailable", producing(503)), 503);
    ok(client().get("/api/v1/test/error?kind=none"), 200);
  }
}
