package dev.apiplatform.conformance;

import org.junit.jupiter.api.BeforeEach;

/**
 * A {@link GroupSuite} of a group whose objects are owner-only: every test gets two fresh
 * marketplace callers, {@link #owner} and {@link #other} (on the mock, its well-formed JWT), so
 * a test shows that what the owner made is 404 for the other.
 */
abstract class OwnedGroupSuite extends GroupSuite {

  String owner;
  String other;

  @BeforeEach
  void users() {
    owner = MarketUsers.token(client());
    other = MarketUsers.token(client());
  }
}
