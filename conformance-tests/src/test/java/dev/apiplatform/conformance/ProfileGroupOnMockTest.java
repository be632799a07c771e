package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.Identities.body;

import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The same suite against the contract mock: what UI prototypes see. */
@Order(17)
class ProfileGroupOnMockTest extends ProfileGroupContract {

  @Override
  ContractClient client() {
    return Targets.client(Targets.MOCK);
  }

  @Override
  Map<String, String> producing(int status) {
    return Map.of("Prefer", "code=" + status);
  }

  @Override
  String phoneUserToken() {
    return MarketUsers.MOCK_TOKEN; // the mock takes any well-formed JWT
  }

  /** The server's 409 needs two lost races in a row and its 503 a store that is down: the mock shows their shape. */
  @Test
  void settings_conflictAndUnavailable_areServedInTheirDocumentedShape() {
    assertProblem(putSettings(phoneUserToken(), producing(409), body("selected_voice_id", "hype")), 409);
    assertProblem(putSettings(phoneUserToken(), producing(503), body("selected_voice_id", "hype")), 503);
    assertProblem(client().get("/user/profile", merge(Identities.bearer(phoneUserToken()), producing(503))), 503);
  }
}
