package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MetaMatic's Strava connection (issue 10), run against every target. The conformance platform
 * has no Strava credentials, so the server answers the documented 503 "Strava is not
 * configured"; the connected flows against a WireMock Strava are the server module's
 * {@code StravaFlowTest}.
 */
class StravaGroupTest extends IdentityContract {

  String token() {
    return onServer() ? ProfileGroupTest.signInByPhone(client()).accessToken() : MarketUsers.MOCK_TOKEN;
  }

  void assertNotConfigured(ContractClient.Exchange exchange) {
    JsonNode problem = assertProblem(exchange, 503);
    assertThat(problem.path("type").asText()).isEqualTo("/problems/strava-not-configured");
    assertThat(problem.path("title").asText()).isEqualTo("Strava is not configured");
  }

  @Test
  void oauthUrl_withoutStravaCredentials_is503NotConfigured() {
    assertNotConfigured(client().get("/strava/oauth/url", merge(bearer(token()), producing(503))));
  }

  @Test
  void oauthUrl_withoutAToken_is401() {
    assertUnauthorized(client().callBreakingContract("GET", "/strava/oauth/url", producing(401), null), false);
  }

  @Test
  void callback_withoutStravaCredentials_is503NotConfigured() {
    assertNotConfigured(client().post("/strava/oauth/callback", merge(bearer(token()), producing(503)),
        Identities.body("code", "abc", "state", "s.1.x", "scope", "read,activity:read_all,activity:write")));
  }

  @Test
  void callback_withAnUnknownField_is400() {
    assertProblem(client().callBreakingContract("POST", "/strava/oauth/callback",
        ContractClient.withJson(merge(bearer(token()), producing(400))),
        Identities.body("code", "abc", "state", "s", "extra", "x")), 400);
  }

  @Test
  void disconnect_withoutStravaCredentials_is503NotConfigured() {
    assertNotConfigured(client().call("DELETE", "/strava/connection", merge(bearer(token()), producing(503)), null));
  }

  @Test
  void disconnect_withoutAToken_is401() {
    assertUnauthorized(client().callBreakingContract("DELETE", "/strava/connection", producing(401), null), false);
  }

}
