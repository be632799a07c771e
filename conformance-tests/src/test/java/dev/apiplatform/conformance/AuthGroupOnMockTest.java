package dev.apiplatform.conformance;

import java.util.Map;
import org.junit.jupiter.api.Order;

/** The same suite against the contract mock: what UI prototypes see. */
@Order(13)
class AuthGroupOnMockTest extends AuthGroupContract {

  @org.junit.jupiter.api.Test
  void rateLimitAndDeliveryFailures_areServedInTheirDocumentedShape() {
    mock_servesTheDocumented429And503("/auth/");
  }

  @Override
  ContractClient client() {
    return Targets.client(Targets.MOCK);
  }

  @Override
  Map<String, String> producing(int status) {
    return Map.of("Prefer", "code=" + status);
  }

  @Override
  Seasoned.PhoneUser phoneUserReadyForACode() {
    return new Seasoned.PhoneUser(Identities.phone(), "mock-user");
  }

  @Override
  Seasoned.EmailUser confirmedUserReadyForACode() {
    return new Seasoned.EmailUser(Identities.email("mock"), Identities.PASSWORD, "mock-user");
  }

  @Override
  Seasoned.EmailUser unconfirmedUserReadyForACode() {
    return confirmedUserReadyForACode();
  }
}
