package dev.apiplatform.conformance;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;

/** The auth group against the real platform: every status comes from the scenario itself. */
@Order(12)
class AuthGroupOnServerTest extends AuthGroupContract {

  /** Creates the accounts later tests send second codes to, so their minute starts now. */
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
