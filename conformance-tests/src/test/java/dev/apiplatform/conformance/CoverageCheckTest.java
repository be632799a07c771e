package dev.apiplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs after every other class ({@link CoverageCheckLast}): prints the coverage line per target and fails
 * when an operation of the bundle was never exercised, so a new operation cannot land untested.
 */
class CoverageCheckTest {

  private static void check(String target) {
    Coverage.Report report = Coverage.report(target, Bundle.get());
    System.out.println(report.line());
    if (!report.missingStatuses().isEmpty()) {
      System.out.println("[coverage] " + target + ": documented statuses not seen: " + report.missingStatuses());
    }
    assertThat(report.missingOperations())
        .as("operations of the contract with no conformance test against the %s", target)
        .isEmpty();
  }

  @Test
  void everyOperation_isExercisedAgainstTheServer() {
    check(Targets.SERVER);
  }

  @Test
  void everyOperation_isExercisedAgainstTheMock() {
    check(Targets.MOCK);
  }
}
