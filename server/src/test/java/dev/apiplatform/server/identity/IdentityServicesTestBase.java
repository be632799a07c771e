package dev.apiplatform.server.identity;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up the identity service tests share: one {@link IdentityServices} (DynamoDB Local
 * tables of their own, the movable clock, the recording notifier) for all tests of a class, so
 * every test uses its own phone number or address.
 */
abstract class IdentityServicesTestBase {

  static IdentityServices s;

  @BeforeAll
  static void startIdentityServices() {
    s = IdentityServices.start();
  }

  @AfterAll
  static void stopIdentityServices() {
    if (s != null) s.close();
    s = null;
  }
}
