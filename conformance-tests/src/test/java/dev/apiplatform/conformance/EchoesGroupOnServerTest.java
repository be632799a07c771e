package dev.apiplatform.conformance;

import java.util.Map;
import org.junit.jupiter.api.Order;

/** The echoes group against the real platform: every status comes from the scenario itself. */
@Order(26)
class EchoesGroupOnServerTest extends EchoesGroupContract {

  @Override
  ContractClient client() {
    return Targets.client(Targets.SERVER);
  }

  @Override
  Map<String, String> producing(int status) {
    return Map.of();
  }
}
