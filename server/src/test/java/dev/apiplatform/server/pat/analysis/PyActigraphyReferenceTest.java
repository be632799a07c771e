package dev.apiplatform.server.pat.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * This library against pyActigraphy 1.2.2 on the committed fixtures. Tolerances (relative unless
 * said otherwise) are the ones the report quotes:
 *
 * <ul>
 *   <li>scoring (Cole–Kripke with and without Webster, Sadeh in the reference variant, with and
 *       without Webster): identical on every epoch at least 60 minutes from an edge or a gap;
 *   <li>IS, IV (pyActigraphy's sample-variance convention), L5, M10, RA: 1e-9; L5/M10 onsets: the
 *       same minute;
 *   <li>cosinor MESOR and amplitude 1e-6, acrophase 1e-6 rad (lmfit's convergence is the limit),
 *       standard errors 1e-3.
 * </ul>
 */
class PyActigraphyReferenceTest {

  static final int MARGIN = 60;

  static Stream<String> fixtures() {
    return ActigraphyFixture.NAMES.stream();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void coleKripke_matchesReference_awayFromEdgesAndGaps(String name) {
    ActigraphyFixture f = ActigraphyFixture.load(name);
    assertAgreement(f, ColeKripke.score(f.series()), f.expectedScores("cole_kripke"));
    assertAgreement(f, ColeKripke.scoreAndRescore(f.series()), f.expectedScores("cole_kripke_rescored"));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void sadehReferenceVariant_matchesReference_awayFromEdgesAndGaps(String name) {
    ActigraphyFixture f = ActigraphyFixture.load(name);
    byte[] sadeh = Sadeh.score(f.series(), Sadeh.Variant.PYACTIGRAPHY_1_2_2);
    assertAgreement(f, sadeh, f.expectedScores("sadeh"));
    assertAgreement(f, WebsterRescoring.apply(sadeh), f.expectedScores("sadeh_rescored"));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void nonParametricVariables_matchReference(String name) {
    ActigraphyFixture f = ActigraphyFixture.load(name);
    JsonNode e = f.expected();
    NonParametricRhythm.Result r = NonParametricRhythm.compute(f.series(), NonParametricRhythm.Convention.PYACTIGRAPHY_1_2_2);
    assertRelative(r.interdailyStability(), e.get("IS").asDouble(), 1e-9);
    assertRelative(r.intradailyVariability(), e.get("IV").asDouble(), 1e-9);
    assertRelative(r.l5(), e.get("L5").asDouble(), 1e-9);
    assertRelative(r.m10(), e.get("M10").asDouble(), 1e-9);
    assertRelative(r.relativeAmplitude(), e.get("RA").asDouble(), 1e-9);
    assertThat(r.l5StartMinute()).isEqualTo(e.get("L5_start_minute").asInt());
    assertThat(r.m10StartMinute()).isEqualTo(e.get("M10_start_minute").asInt());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void wittingConvention_isTheReferenceRescaledToPopulationVariances_whenNoHourIsMissing(String name) {
    ActigraphyFixture f = ActigraphyFixture.load(name);
    if (f.hasGaps()) {
      return; // with gaps the profile mean is not the grand mean: no closed-form relation
    }
    NonParametricRhythm.Result r = NonParametricRhythm.compute(f.series(), NonParametricRhythm.Convention.WITTING_1990);
    double n = r.hourlyBinsUsed();
    double p = 24;
    assertRelative(r.interdailyStability(), f.expected().get("IS").asDouble() * (p - 1) / p * n / (n - 1), 1e-9);
    assertRelative(r.intradailyVariability(), f.expected().get("IV").asDouble() * n / (n - 1), 1e-9);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void cosinor_matchesReferenceFit(String name) {
    ActigraphyFixture f = ActigraphyFixture.load(name);
    JsonNode e = f.expected().get("cosinor");
    Cosinor.Fit fit = Cosinor.fit(f.series());
    assertThat(fit.observations()).isEqualTo(e.get("observations").asInt());
    assertRelative(fit.mesor(), e.get("mesor").asDouble(), 1e-6);
    assertRelative(fit.amplitude(), e.get("amplitude").asDouble(), 1e-6);
    assertThat(angleDistance(fit.acrophase(), e.get("acrophase").asDouble())).isLessThan(1e-6);
    assertRelative(fit.mesorStdErr(), e.get("mesor_stderr").asDouble(), 1e-3);
    assertRelative(fit.amplitudeStdErr(), e.get("amplitude_stderr").asDouble(), 1e-3);
    assertRelative(fit.acrophaseStdErr(), e.get("acrophase_stderr").asDouble(), 1e-3);
  }

  private static void assertAgreement(ActigraphyFixture f, byte[] actual, byte[] expected) {
    boolean[] comparable = f.comparable(MARGIN);
    assertThat(actual).hasSameSizeAs(expected);
    int compared = 0;
    int differing = 0;
    int firstDifference = -1;
    for (int i = 0; i < actual.length; i++) {
      if (comparable[i]) {
        compared++;
        if (actual[i] != expected[i]) {
          differing++;
          firstDifference = firstDifference < 0 ? i : firstDifference;
        }
      }
    }
    assertThat(compared).as("epochs compared").isGreaterThan(f.series().size() / 2);
    assertThat(differing).as("%s: epochs differing of %d compared (first at %d)", f.name(), compared, firstDifference)
        .isZero();
  }

  static void assertRelative(Double actual, double expected, double tolerance) {
    assertThat(actual).isNotNull();
    assertThat(actual).isCloseTo(expected, within(tolerance * Math.max(1e-12, Math.abs(expected))));
  }

  static double angleDistance(double a, double b) {
    double d = Math.abs(a - b) % (2 * Math.PI);
    return Math.min(d, 2 * Math.PI - d);
  }
}
