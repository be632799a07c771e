package dev.apiplatform.server.pat.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sleep periods, sleep variables and non-wear on hand-built scores and counts. */
class SleepAndWearTest {

  static final LocalDateTime NOON = LocalDateTime.of(2026, 1, 5, 12, 0);

  /** 24 h from noon: wake, sleep 23:00-07:00 with a 15-min and a 5-min awakening. */
  static byte[] oneNight() {
    byte[] s = new byte[1440];
    Arrays.fill(s, SleepWake.WAKE);
    int onset = 11 * 60; // 23:00
    int end = 19 * 60; // 07:00
    Arrays.fill(s, onset, end, SleepWake.SLEEP);
    Arrays.fill(s, 15 * 60, 15 * 60 + 15, SleepWake.WAKE); // 03:00-03:15
    Arrays.fill(s, 17 * 60, 17 * 60 + 5, SleepWake.WAKE); // 05:00-05:05
    return s;
  }

  static MinuteSeries zeros(int n) {
    return MinuteSeries.of(NOON, new double[n]);
  }

  @Test
  void detectedNight_joinsAcrossAFifteenMinuteAwakening_andCountsItAsWaso() {
    SleepMetrics m = SleepAnalysis.compute(zeros(1440), oneNight(), "test", List.of());
    assertThat(m.nights()).isEqualTo(1);
    SleepMetrics.Night n = m.perNight().get(0);
    assertThat(n.sleepOnset()).isEqualTo(LocalDateTime.of(2026, 1, 5, 23, 0));
    assertThat(n.finalAwakening()).isEqualTo(LocalDateTime.of(2026, 1, 6, 7, 0));
    assertThat(n.totalSleepMinutes()).isEqualTo(480 - 20);
    assertThat(n.wasoMinutes()).isEqualTo(20);
    assertThat(n.awakenings()).isEqualTo(2);
    assertThat(n.sleepEfficiency()).isEqualTo(460.0 / 480);
    assertThat(n.sleepOnsetLatencyMinutes()).isNull(); // no time in bed known
    assertThat(m.meanSleepOnsetLatencyMinutes()).isNull();
  }

  @Test
  void reportedTimeInBed_givesLatency_andEfficiencyOverTimeInBed() {
    InBedInterval bed = new InBedInterval(LocalDateTime.of(2026, 1, 5, 22, 30), LocalDateTime.of(2026, 1, 6, 7, 30));
    SleepMetrics m = SleepAnalysis.compute(zeros(1440), oneNight(), "test", List.of(bed));
    SleepMetrics.Night n = m.perNight().get(0);
    assertThat(n.sleepOnsetLatencyMinutes()).isEqualTo(30.0);
    assertThat(n.bedtime()).isEqualTo(bed.start());
    assertThat(n.totalSleepMinutes()).isEqualTo(460);
    assertThat(n.sleepEfficiency()).isEqualTo(460.0 / 540);
    assertThat(m.meanSleepOnsetLatencyMinutes()).isEqualTo(30.0);
  }

  @Test
  void periodsShorterThan160Minutes_areNotNights() {
    byte[] s = new byte[1440];
    Arrays.fill(s, SleepWake.WAKE);
    Arrays.fill(s, 100, 259, SleepWake.SLEEP); // 159 minutes
    assertThat(SleepAnalysis.compute(zeros(1440), s, "test", List.of()).nights()).isZero();
    Arrays.fill(s, 100, 260, SleepWake.SLEEP);
    assertThat(SleepAnalysis.compute(zeros(1440), s, "test", List.of()).nights()).isEqualTo(1);
  }

  @Test
  void aGapInsideTheNight_isNeitherSleepNorWake() {
    byte[] s = oneNight();
    Arrays.fill(s, 13 * 60, 13 * 60 + 30, SleepWake.UNSCORED); // 01:00-01:30 missing
    SleepMetrics.Night n = SleepAnalysis.compute(zeros(1440), s, "test", List.of()).perNight().get(0);
    assertThat(n.unscoredMinutes()).isEqualTo(30);
    assertThat(n.totalSleepMinutes()).isEqualTo(430);
    assertThat(n.wasoMinutes()).isEqualTo(20);
    assertThat(n.sleepEfficiency()).isEqualTo(430.0 / 450);
  }

  @Test
  void aNightCutByTheRecordingStartOrAGap_isLeftOutOfTheMeans_andCounted() {
    byte[] s = new byte[2880]; // two noon-to-noon nights
    Arrays.fill(s, SleepWake.WAKE);
    Arrays.fill(s, 0, 300, SleepWake.SLEEP); // the recording starts mid-sleep
    Arrays.fill(s, 1440 + 660, 1440 + 960, SleepWake.SLEEP); // 23:00 on the second night...
    Arrays.fill(s, 1440 + 960, 1440 + 1020, SleepWake.UNSCORED); // ...runs into a gap at 04:00
    SleepMetrics m = SleepAnalysis.compute(zeros(2880), s, "test", List.of());
    assertThat(m.nights()).isZero();
    assertThat(m.truncatedNights()).isEqualTo(2);
    assertThat(m.meanTotalSleepMinutes()).isNull();
  }

  @Test
  void nonWear_needsNinetyZeroMinutes_andToleratesTwoMinuteBlipsInsideThirtyZeroMinutesEachSide() {
    double[] c = new double[300];
    Arrays.fill(c, 10);
    Arrays.fill(c, 100, 190, 0); // exactly 90 zero minutes
    assertThat(count(NonWear.detect(MinuteSeries.of(NOON, c)))).isEqualTo(90);
    Arrays.fill(c, 100, 190, 0);
    c[189] = 10; // 89 minutes
    assertThat(count(NonWear.detect(MinuteSeries.of(NOON, c)))).isZero();
    double[] blip = new double[300];
    Arrays.fill(blip, 10);
    Arrays.fill(blip, 50, 200, 0);
    blip[120] = 5;
    blip[121] = 7; // two minutes, 70 zeros before and 78 after
    assertThat(count(NonWear.detect(MinuteSeries.of(NOON, blip)))).isEqualTo(150);
    blip[122] = 3; // three minutes: splits into 70 + 77, neither reaches 90
    assertThat(count(NonWear.detect(MinuteSeries.of(NOON, blip)))).isZero();
  }

  @Test
  void nonWear_endsAtAMissingMinute() {
    double[] c = new double[200];
    c[100] = Double.NaN; // 100 zeros, a gap, 99 zeros
    boolean[] nw = NonWear.detect(MinuteSeries.of(NOON, c));
    assertThat(count(nw)).isEqualTo(199);
    assertThat(nw[100]).isFalse();
  }

  private static int count(boolean[] b) {
    int n = 0;
    for (boolean x : b) {
      n += x ? 1 : 0;
    }
    return n;
  }
}
