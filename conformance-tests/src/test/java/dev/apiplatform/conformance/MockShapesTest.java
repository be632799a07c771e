package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.mock_servesTheDocumented429And503;
import static dev.apiplatform.conformance.Identities.body;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Documented statuses only the mock can show on demand: on the server a 429 needs a burst, a 503
 * a dependency that is down and a settings 409 two lost races in a row (each proven where it can
 * be: IdentityFlowsTest, ServerBehaviourTest, the service tests). The mock serves their shape.
 */
class MockShapesTest {

  private static final String TOKEN = MarketUsers.MOCK_TOKEN;
  private final ContractClient mock = Target.MOCK.client();

  @Test
  void auth_rateLimitAndDeliveryFailures_areServedInTheirDocumentedShape() {
    mock_servesTheDocumented429And503("/auth/");
  }

  @Test
  void account_rateLimitAndDeliveryFailures_areServedInTheirDocumentedShape() {
    mock_servesTheDocumented429And503("/api/v1/auth/");
  }

  @Test
  void profile_settingsConflictAndUnavailable_areServedInTheirDocumentedShape() {
    assertProblem(ProfileGroupTest.putSettings(mock, TOKEN, producing(409), body("selected_voice_id", "hype")), 409);
    assertProblem(ProfileGroupTest.putSettings(mock, TOKEN, producing(503), body("selected_voice_id", "hype")), 503);
    assertProblem(mock.get("/user/profile", merge(Identities.bearer(TOKEN), producing(503))), 503);
  }

  private static Map<String, String> producing(int status) {
    return Target.MOCK.producing(status);
  }
}
