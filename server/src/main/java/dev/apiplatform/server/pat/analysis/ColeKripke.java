package dev.apiplatform.server.pat.analysis;

/**
 * Cole, Kripke, Gruen, Mullaney &amp; Gillin (1992), "Automatic sleep/wake identification from
 * wrist activity", Sleep 15(5):461–469, doi:10.1093/sleep/15.5.461: the one-minute "mean activity"
 * model {@code D = 0.001 (106 A-4 + 54 A-3 + 58 A-2 + 76 A-1 + 230 A0 + 74 A+1 + 67 A+2)}, sleep
 * when {@code D < 1}.
 *
 * <p>The paper's A is the mean of the 2-second epochs of each minute; with minute sums as input
 * that is {@code count / 30}, the same reduction pyActigraphy 1.2.2 uses for
 * {@code CK(settings="mean")}. An epoch is scored only when all seven epochs of its window are
 * observed (pyActigraphy's centred rolling window also requires A+3 and A+4, whose weight is
 * zero, and scores the last four epochs wake: one of the differences at the edges).
 */
public final class ColeKripke {

  static final double SCALE = 0.001;
  static final double[] WEIGHTS = {106, 54, 58, 76, 230, 74, 67};
  static final int BEFORE = 4;
  static final int AFTER = 2;
  /** 2-second epochs per minute: minute sums to the paper's mean activity. */
  static final double EPOCHS_PER_MINUTE = 30.0;
  static final double THRESHOLD = 1.0;

  private ColeKripke() {}

  /** Raw Cole–Kripke scores (no rescoring), one per epoch. */
  public static byte[] score(MinuteSeries series) {
    double[] v = series.values();
    byte[] out = new byte[v.length];
    for (int t = 0; t < v.length; t++) {
      if (!SleepWake.windowObserved(series, t - BEFORE, t + AFTER)) {
        out[t] = SleepWake.UNSCORED;
        continue;
      }
      double d = 0;
      for (int k = 0; k < WEIGHTS.length; k++) {
        d += WEIGHTS[k] * (v[t - BEFORE + k] / EPOCHS_PER_MINUTE);
      }
      out[t] = SCALE * d < THRESHOLD ? SleepWake.SLEEP : SleepWake.WAKE;
    }
    return out;
  }

  /** Cole–Kripke followed by Webster's rescoring rules, as Cole et al. (1992) apply them. */
  public static byte[] scoreAndRescore(MinuteSeries series) {
    return WebsterRescoring.apply(score(series));
  }
}
