package dev.apiplatform.server.pat.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** IS/IV/L5/M10/RA and the cosinor on series whose answers follow from their construction. */
class RhythmAndCosinorTest {

  static final LocalDateTime MIDNIGHT = LocalDateTime.of(2026, 1, 5, 0, 0);

  /** Every day identical: counts 100 from 08:00 to 20:00, 0 otherwise. */
  static double[] squareDays(int days) {
    double[] c = new double[days * 1440];
    for (int i = 0; i < c.length; i++) {
      int m = i % 1440;
      c[i] = m >= 480 && m < 1200 ? 100 : 0;
    }
    return c;
  }

  @Test
  void identicalDays_haveInterdailyStabilityOne_andTheExpectedVariability() {
    NonParametricRhythm.Result r = NonParametricRhythm.compute(MinuteSeries.of(MIDNIGHT, squareDays(7)));
    assertThat(r.interdailyStability()).isCloseTo(1.0, within(1e-12));
    // hourly sums 0 or 6000, half each: population variance 6000²/4; two jumps a day of 6000
    double n = 168;
    double expectedIv = (14 * 6000.0 * 6000.0) / (n - 1) / (6000.0 * 6000.0 / 4); // 56/167
    assertThat(r.intradailyVariability()).isCloseTo(expectedIv, within(1e-9));
    assertThat(r.l5()).isZero();
    assertThat(r.m10()).isEqualTo(100.0);
    assertThat(r.relativeAmplitude()).isEqualTo(1.0);
    assertThat(r.m10StartMinute()).isEqualTo(480); // the first of the equally active windows
  }

  @Test
  void anHourWithAMissingMinute_isLeftOutOfIsAndIv() {
    double[] c = squareDays(7);
    double[] gapped = c.clone();
    gapped[3 * 1440 + 600] = Double.NaN; // one minute of day 4 at 10:00
    NonParametricRhythm.Result full = NonParametricRhythm.compute(MinuteSeries.of(MIDNIGHT, c));
    NonParametricRhythm.Result r = NonParametricRhythm.compute(MinuteSeries.of(MIDNIGHT, gapped));
    assertThat(full.hourlyBinsUsed()).isEqualTo(168);
    assertThat(r.hourlyBinsUsed()).isEqualTo(167);
    // Witting's IS over the 167 complete hours: 83 of 6000 and 84 of 0, slot means still 6000 or 0
    double mean = 83 * 6000.0 / 167;
    double a = (6000 - mean) * (6000 - mean);
    double b = mean * mean;
    double expected = ((12 * a + 12 * b) / 24) / ((83 * a + 84 * b) / 167);
    assertThat(r.interdailyStability()).isCloseTo(expected, within(1e-12));
    // a zero-filled minute would have kept the hour (as 5900) and given another value
    double[] zeroFilled = c.clone();
    zeroFilled[3 * 1440 + 600] = 0;
    assertThat(NonParametricRhythm.compute(MinuteSeries.of(MIDNIGHT, zeroFilled)).interdailyStability())
        .isNotCloseTo(expected, within(1e-6));
  }

  @Test
  void l5AndM10_wrapOverMidnight() {
    double[] c = new double[3 * 1440];
    for (int i = 0; i < c.length; i++) {
      int m = i % 1440;
      c[i] = m >= 22 * 60 || m < 3 * 60 ? 1 : 50; // the quiet 5 h run from 22:00 to 03:00
    }
    NonParametricRhythm.Result r = NonParametricRhythm.compute(MinuteSeries.of(MIDNIGHT, c));
    assertThat(r.l5StartMinute()).isEqualTo(22 * 60);
    assertThat(r.l5()).isCloseTo(1.0, within(1e-12));
    assertThat(r.m10()).isCloseTo(50.0, within(1e-12));
  }

  @Test
  void cosinor_recoversMesorAmplitudeAndPeakTime_ofAnExactCosine() {
    double[] c = new double[7 * 1440];
    double peak = 14 * 60 + 30;
    for (int i = 0; i < c.length; i++) {
      c[i] = 100 + 50 * Math.cos(2 * Math.PI * (i - peak) / 1440);
    }
    Cosinor.Fit fit = Cosinor.fit(MinuteSeries.of(MIDNIGHT, c));
    assertThat(fit.mesor()).isCloseTo(100, within(1e-9));
    assertThat(fit.amplitude()).isCloseTo(50, within(1e-9));
    assertThat(fit.acrophaseMinute()).isCloseTo(peak, within(1e-6));
    assertThat(fit.acrophase()).isCloseTo(2 * Math.PI - 2 * Math.PI * peak / 1440, within(1e-9));
    assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void cosinor_usesClockTime_whenTheRecordingStartsMidDay() {
    double[] c = new double[5 * 1440];
    LocalDateTime start = LocalDateTime.of(2026, 1, 5, 9, 30);
    for (int i = 0; i < c.length; i++) {
      double minuteOfDay = 570 + i;
      c[i] = 80 + 40 * Math.cos(2 * Math.PI * (minuteOfDay - 15 * 60) / 1440);
    }
    assertThat(Cosinor.fit(MinuteSeries.of(start, c)).acrophaseMinute()).isCloseTo(900, within(1e-6));
  }

  @Test
  void cosinor_intervalsCoverTheTruth_andTheAcrophaseIntervalIsOmitted_withoutARhythm() {
    java.util.Random rng = new java.util.Random(7);
    double[] noisy = new double[7 * 1440];
    double[] flat = new double[7 * 1440];
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] = Math.max(0, 100 + 30 * Math.cos(2 * Math.PI * (i - 840) / 1440) + 20 * rng.nextGaussian());
      flat[i] = Math.max(0, 100 + 20 * rng.nextGaussian());
    }
    Cosinor.Fit fit = Cosinor.fit(MinuteSeries.of(MIDNIGHT, noisy));
    assertThat(fit.amplitudeInterval().lower()).isLessThan(30).isPositive();
    assertThat(fit.amplitudeInterval().upper()).isGreaterThan(30);
    assertThat(fit.acrophaseInterval()).isNotNull();
    Cosinor.Fit none = Cosinor.fit(MinuteSeries.of(MIDNIGHT, flat));
    assertThat(none.amplitude()).isLessThan(2);
    assertThat(none.acrophaseInterval()).isNull();
  }

  @Test
  void cosinor_needsTwelveHoursOfObservedMinutes() {
    double[] c = new double[1440];
    java.util.Arrays.fill(c, Double.NaN);
    for (int i = 0; i < 719; i++) {
      c[i] = i % 7;
    }
    assertThat(Cosinor.fit(MinuteSeries.of(MIDNIGHT, c))).isNull();
  }
}
