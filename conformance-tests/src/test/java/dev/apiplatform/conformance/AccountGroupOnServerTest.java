package dev.apiplatform.conformance;

import dev.apiplatform.local.LocalPlatform;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;

/** The account group against the real platform: every status comes from the scenario itself. */
@Order(14)
class AccountGroupOnServerTest extends AccountGroupContract {

  @BeforeAll
  static void seasonAccounts() {
    Seasoned.prepare();
  }

  @Override
  ContractClient client() {
    return Targets.client(Targets.SERVER);
  }

  @Override
  Map<String, String> producing(int status) {
    return Map.of();
  }

  /** A platform of its own whose embedded stores are stopped: the user store really does not answer. */
  @Override
  ContractClient.Exchange healthWithTheUserStoreDown() {
    try (LocalPlatform broken = Targets.startPlatform(Targets.tempDir("platform-users-down"),
        Map.of("AWS_CALL_TIMEOUT_MS", "1000"))) {
      broken.stores().orElseThrow().close();
      return new ContractClient(Targets.SERVER, broken.baseUri()).get("/api/v1/auth/health");
    }
  }

  @Override
  Seasoned.PhoneUser phoneUserReadyForACode() {
    return Seasoned.phoneUser();
  }

  @Override
  Seasoned.EmailUser confirmedUserReadyForACode() {
    return Seasoned.confirmedEmailUser();
  }

  @Override
  Seasoned.EmailUser unconfirmedUserReadyForACode() {
    return Seasoned.unconfirmedEmailUser();
  }
}
