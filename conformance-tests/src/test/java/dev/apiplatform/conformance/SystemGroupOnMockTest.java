package dev.apiplatform.conformance;

import java.util.Map;
import org.junit.jupiter.api.Order;

/** The same suite against the contract mock: what UI prototypes see. */
@Order(11)
class SystemGroupOnMockTest extends SystemGroupContract {

  @Override
  ContractClient client() {
    return Targets.client(Targets.MOCK);
  }

  @Override
  ContractClient.Exchange healthWithOneDependencyDown() {
    return client().get("/health", Map.of("Prefer", "code=503"));
  }
}
