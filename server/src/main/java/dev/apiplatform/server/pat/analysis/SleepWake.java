package dev.apiplatform.server.pat.analysis;

/**
 * Per-epoch sleep/wake states as bytes (a 4-week recording is 40,320 epochs): {@link #SLEEP},
 * {@link #WAKE}, or {@link #UNSCORED} where the algorithm's window reaches a missing epoch or the
 * edge of the recording. Unscored is neither: it breaks runs for rescoring and sleep periods.
 */
public final class SleepWake {

  public static final byte WAKE = 0;
  public static final byte SLEEP = 1;
  public static final byte UNSCORED = -1;

  private SleepWake() {}

  /** True when all epochs {@code from..to} (inclusive) of the series are observed and in range. */
  static boolean windowObserved(MinuteSeries series, int from, int to) {
    if (from < 0 || to >= series.size()) {
      return false;
    }
    double[] v = series.values();
    for (int j = from; j <= to; j++) {
      if (Double.isNaN(v[j])) {
        return false;
      }
    }
    return true;
  }
}
