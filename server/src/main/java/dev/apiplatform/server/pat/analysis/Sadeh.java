package dev.apiplatform.server.pat.analysis;

/**
 * Sadeh, Sharkey &amp; Carskadon (1994), "Activity-based sleep-wake identification: an empirical
 * test of methodological issues", Sleep 17(3):201–207, doi:10.1093/sleep/17.3.201:
 * {@code PS = 7.601 − 0.065·meanW5 − 1.08·NAT − 0.056·sdLast6 − 0.703·logAct}, sleep when
 * {@code PS ≥ 0}.
 *
 * <ul>
 *   <li>meanW5: mean count of the epoch and the five before and after (11 epochs);
 *   <li>NAT: epochs of that window with {@code 50 ≤ count < 100};
 *   <li>sdLast6: sample standard deviation of the epoch and the five before;
 *   <li>logAct: {@code ln(count + 1)} of the scored epoch.
 * </ul>
 *
 * <p>{@link Variant#PAPER} is the default. {@link Variant#PYACTIGRAPHY_1_2_2} reproduces the
 * reference implementation the fixtures come from, which differs in two places: NAT counts
 * {@code 50 < count < 100} and logAct takes the <em>next</em> epoch ({@code data.shift(-1)}).
 * Counts are not capped at 300 (that is ActiGraph's ActiLife variant, not the paper).
 */
public final class Sadeh {

  public enum Variant {
    PAPER,
    PYACTIGRAPHY_1_2_2
  }

  static final double OFFSET = 7.601;
  static final double W_MEAN = -0.065;
  static final double W_NAT = -1.08;
  static final double W_SD = -0.056;
  static final double W_LOG = -0.703;
  static final int HALF_WINDOW = 5;

  private Sadeh() {}

  public static byte[] score(MinuteSeries series) {
    return score(series, Variant.PAPER);
  }

  public static byte[] score(MinuteSeries series, Variant variant) {
    double[] v = series.values();
    byte[] out = new byte[v.length];
    boolean reference = variant == Variant.PYACTIGRAPHY_1_2_2;
    for (int t = 0; t < v.length; t++) {
      if (!SleepWake.windowObserved(series, t - HALF_WINDOW, t + HALF_WINDOW)) {
        out[t] = SleepWake.UNSCORED;
        continue;
      }
      double sum = 0;
      int nat = 0;
      for (int j = t - HALF_WINDOW; j <= t + HALF_WINDOW; j++) {
        sum += v[j];
        boolean inBand = reference ? v[j] > 50 && v[j] < 100 : v[j] >= 50 && v[j] < 100;
        if (inBand) {
          nat++;
        }
      }
      double mean = sum / (2 * HALF_WINDOW + 1);
      double sd = sampleSd(v, t - HALF_WINDOW, t);
      // t + 1 lies inside the observed window, so the reference variant needs no extra check
      double logAct = Math.log1p(reference ? v[t + 1] : v[t]);
      double ps = OFFSET + W_MEAN * mean + W_NAT * nat + W_SD * sd + W_LOG * logAct;
      // the paper: PS >= 0 is sleep; pyActigraphy: PS > 0 (equality has probability zero)
      boolean sleep = reference ? ps > 0 : ps >= 0;
      out[t] = sleep ? SleepWake.SLEEP : SleepWake.WAKE;
    }
    return out;
  }

  /** Sample (n−1) standard deviation of {@code v[from..to]}, two-pass for accuracy. */
  private static double sampleSd(double[] v, int from, int to) {
    int n = to - from + 1;
    double mean = 0;
    for (int j = from; j <= to; j++) {
      mean += v[j];
    }
    mean /= n;
    double ss = 0;
    for (int j = from; j <= to; j++) {
      double d = v[j] - mean;
      ss += d * d;
    }
    return Math.sqrt(ss / (n - 1));
  }
}
