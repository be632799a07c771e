package dev.apiplatform.server.pat.analysis;

/**
 * Non-wear detection by Choi, Liu, Matthews &amp; Buchowski (2011), "Validation of accelerometer
 * wear and nonwear time classification algorithm", Med Sci Sports Exerc 43(2):357–364,
 * doi:10.1249/MSS.0b013e3181ed61a3: at least 90 consecutive minutes of zero counts, allowing
 * interruptions of at most 2 minutes of non-zero counts when the 30 minutes before and after the
 * interruption are zero. A missing minute ends a candidate interval.
 *
 * <p>Validated on hip counts; on step data every step-free night is "non-wear" by this rule, so
 * the analysis reports it as a confidence input only and never drops those minutes.
 */
public final class NonWear {

  static final int MIN_NONWEAR = 90;
  static final int MAX_ALLOWANCE = 2;
  static final int ZERO_WINDOW = 30;

  private NonWear() {}

  /** True for each epoch inside a non-wear interval. */
  public static boolean[] detect(MinuteSeries series) {
    double[] v = series.values();
    boolean[] out = new boolean[v.length];
    int i = 0;
    while (i < v.length) {
      if (v[i] != 0) { // non-zero, or NaN (missing)
        i++;
        continue;
      }
      int end = extend(v, i);
      if (end - i + 1 >= MIN_NONWEAR) {
        for (int j = i; j <= end; j++) {
          out[j] = true;
        }
      }
      i = end + 1;
    }
    return out;
  }

  /** Last epoch (a zero) of the candidate interval that starts with the zero at {@code start}. */
  private static int extend(double[] v, int start) {
    int lastZero = start;
    int j = start + 1;
    while (j < v.length) {
      if (v[j] == 0) {
        lastZero = j;
        j++;
        continue;
      }
      if (Double.isNaN(v[j])) {
        return lastZero;
      }
      int spikeEnd = j;
      while (spikeEnd < v.length && v[spikeEnd] > 0) {
        spikeEnd++;
      }
      int spikeLength = spikeEnd - j;
      if (spikeLength > MAX_ALLOWANCE || !zeros(v, j - ZERO_WINDOW, j) || !zeros(v, spikeEnd, spikeEnd + ZERO_WINDOW)
          || j - ZERO_WINDOW < start) {
        return lastZero;
      }
      j = spikeEnd;
    }
    return lastZero;
  }

  private static boolean zeros(double[] v, int from, int to) {
    if (from < 0 || to > v.length) {
      return false;
    }
    for (int k = from; k < to; k++) {
      if (v[k] != 0) {
        return false;
      }
    }
    return true;
  }
}
