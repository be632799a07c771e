package dev.apiplatform.server.pat.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Cole–Kripke, Sadeh and Webster's rules on series small enough to check by hand. */
class ScoringAlgorithmsTest {

  static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 5, 0, 0);

  static MinuteSeries constant(int n, double count) {
    double[] c = new double[n];
    Arrays.fill(c, count);
    return MinuteSeries.of(T0, c);
  }

  @Test
  void coleKripke_scoresSleepBelowTheThreshold_ofAboutFortyFiveCountsPerMinute() {
    // constant c: D = 0.001 * 665 * c / 30, so D < 1 exactly when c < 45.11
    assertThat(ColeKripke.score(constant(20, 45))[10]).isEqualTo(SleepWake.SLEEP);
    assertThat(ColeKripke.score(constant(20, 46))[10]).isEqualTo(SleepWake.WAKE);
  }

  @Test
  void coleKripke_leavesEpochsUnscored_whoseWindowReachesAnEdgeOrAGap() {
    double[] c = new double[30];
    c[20] = Double.NaN;
    byte[] s = ColeKripke.score(MinuteSeries.of(T0, c));
    assertThat(s[3]).isEqualTo(SleepWake.UNSCORED); // needs 4 epochs before
    assertThat(s[4]).isEqualTo(SleepWake.SLEEP);
    assertThat(s[17]).isEqualTo(SleepWake.SLEEP);
    assertThat(s[18]).isEqualTo(SleepWake.UNSCORED); // A+2 is the gap
    assertThat(s[24]).isEqualTo(SleepWake.UNSCORED); // A-4 is the gap
    assertThat(s[25]).isEqualTo(SleepWake.SLEEP);
    assertThat(s[28]).isEqualTo(SleepWake.UNSCORED); // needs 2 epochs after
  }

  @Test
  void coleKripke_weighsTheCurrentMinuteMost() {
    double[] c = new double[20];
    c[10] = 131; // 0.001 * 230 * 131 / 30 = 1.004 -> wake at the spike only through its own weight
    byte[] s = ColeKripke.score(MinuteSeries.of(T0, c));
    assertThat(s[10]).isEqualTo(SleepWake.WAKE);
    assertThat(s[9]).isEqualTo(SleepWake.SLEEP); // 74 * 131 / 30000 = 0.32
    assertThat(s[14]).isEqualTo(SleepWake.SLEEP); // 106 * 131 / 30000 = 0.46
  }

  @Test
  void sadeh_paper_countsFiftyInNat_whilePyActigraphyDoesNot() {
    // constant 50: mean 50, sd 0, ln(51) = 3.93; paper NAT = 11 -> PS = -10.3 (wake),
    // reference NAT = 0 -> PS = 7.601 - 3.25 - 2.764 = 1.59 (sleep)
    MinuteSeries fifty = constant(30, 50);
    assertThat(Sadeh.score(fifty, Sadeh.Variant.PAPER)[15]).isEqualTo(SleepWake.WAKE);
    assertThat(Sadeh.score(fifty, Sadeh.Variant.PYACTIGRAPHY_1_2_2)[15]).isEqualTo(SleepWake.SLEEP);
  }

  @Test
  void sadeh_paper_takesLogActOfTheScoredEpoch_whilePyActigraphyTakesTheNext() {
    double[] c = new double[30];
    c[16] = 700; // the epoch after the scored one
    // epoch 15: meanW5 = 700/11 = 63.6, NAT 0, sd of epochs 10..15 = 0
    // paper: logAct = ln(1) = 0 -> PS = 7.601 - 4.14 = 3.46 (sleep)
    // reference: logAct = ln(701) -> PS = 3.46 - 0.703 * 6.55 = -1.14 (wake)
    MinuteSeries s = MinuteSeries.of(T0, c);
    assertThat(Sadeh.score(s, Sadeh.Variant.PAPER)[15]).isEqualTo(SleepWake.SLEEP);
    assertThat(Sadeh.score(s, Sadeh.Variant.PYACTIGRAPHY_1_2_2)[15]).isEqualTo(SleepWake.WAKE);
    // epoch 16 itself: sd of 11..16 = 285.8 -> PS = 7.601 - 4.14 - 16.0 - 4.61 < 0 (wake) in both
    assertThat(Sadeh.score(s, Sadeh.Variant.PAPER)[16]).isEqualTo(SleepWake.WAKE);
  }

  @Test
  void sadeh_scoresStillnessSleep_andSteadyActivityWake() {
    assertThat(Sadeh.score(constant(30, 0))[15]).isEqualTo(SleepWake.SLEEP); // PS = 7.601
    assertThat(Sadeh.score(constant(30, 100))[15]).isEqualTo(SleepWake.WAKE); // 7.601 - 6.5 - 3.24
    assertThat(Sadeh.score(constant(30, 0))[4]).isEqualTo(SleepWake.UNSCORED);
    assertThat(Sadeh.score(constant(30, 0))[25]).isEqualTo(SleepWake.UNSCORED);
  }

  static byte[] scores(String s) {
    byte[] out = new byte[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (s.charAt(i)) {
        case 'S' -> SleepWake.SLEEP;
        case 'W' -> SleepWake.WAKE;
        default -> SleepWake.UNSCORED;
      };
    }
    return out;
  }

  static String text(byte[] s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s) {
      b.append(x == SleepWake.SLEEP ? 'S' : x == SleepWake.WAKE ? 'W' : '.');
    }
    return b.toString();
  }

  @Test
  void webster_rule1_rescoresTheFirstSleepMinute_afterFourMinutesOfWake() {
    assertThat(text(WebsterRescoring.apply(scores("SSSSSWWWWSSSSSSSSSSSSSSSSSSSSSSSS"))))
        .isEqualTo("SSSSSWWWWWSSSSSSSSSSSSSSSSSSSSSSS");
    assertThat(text(WebsterRescoring.apply(scores("SSSSSWWWSSSSSSSSSSSSSSSSSSSSSSSSS"))))
        .isEqualTo("SSSSSWWWSSSSSSSSSSSSSSSSSSSSSSSSS"); // three minutes of wake are not enough
  }

  @Test
  void webster_rules2and3_rescoreThreeAfterTen_andFourAfterFifteenMinutesOfWake() {
    assertThat(text(WebsterRescoring.apply(scores("SSSSSSSSSSS" + "W".repeat(10) + "S".repeat(30)))))
        .isEqualTo("SSSSSSSSSSS" + "W".repeat(13) + "S".repeat(27));
    assertThat(text(WebsterRescoring.apply(scores("SSSSSSSSSSS" + "W".repeat(15) + "S".repeat(30)))))
        .isEqualTo("SSSSSSSSSSS" + "W".repeat(19) + "S".repeat(26));
  }

  @Test
  void webster_rules4and5_rescoreShortSleepBetweenLongWake() {
    String w10 = "W".repeat(10);
    String w20 = "W".repeat(20);
    assertThat(text(WebsterRescoring.apply(scores(w10 + "SSSSSS" + w10)))).isEqualTo("W".repeat(26));
    assertThat(text(WebsterRescoring.apply(scores(w20 + "S".repeat(10) + w20)))).isEqualTo("W".repeat(50));
    // 11 minutes between 20-minute wake runs: rule 3 still takes the first 4 minutes only
    assertThat(text(WebsterRescoring.apply(scores(w20 + "S".repeat(11) + w20))))
        .isEqualTo(w20 + "WWWW" + "S".repeat(7) + w20);
  }

  @Test
  void webster_doesNotReachAcrossAnUnscoredGap() {
    assertThat(text(WebsterRescoring.apply(scores("WWWWWWWWWW.SSSSSSSSS"))))
        .isEqualTo("WWWWWWWWWW.SSSSSSSSS");
    assertThat(text(WebsterRescoring.apply(scores("WWWWWWWWWWSS..SSWWWWWWWWWW"))))
        .isEqualTo("WWWWWWWWWWWS..SSWWWWWWWWWW"); // rule 1 on the first run; rule 4 blocked by the gap
  }
}
