package dev.apiplatform.conformance;

import java.util.Map;
import org.junit.jupiter.api.Order;

/** The echoes group against the contract mock: what UI prototypes see. */
@Order(27)
class EchoesGroupOnMockTest extends EchoesGroupContract {

  @Override
  ContractClient client() {
    return Targets.client(Targets.MOCK);
  }

  @Override
  Map<String, String> producing(int status) {
    return Map.of("Prefer", "code=" + status);
  }
}
