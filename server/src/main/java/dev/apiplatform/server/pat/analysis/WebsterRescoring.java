package dev.apiplatform.server.pat.analysis;

/**
 * Webster, Kripke, Messin, Mullaney &amp; Wyborney (1982), "An activity-based sleep monitor system
 * for ambulatory use", Sleep 5(4):389–399, doi:10.1093/sleep/5.4.389, as listed by Cole et al.
 * (1992):
 *
 * <ol>
 *   <li>after at least 4 minutes scored wake, the next 1 minute scored sleep is rescored wake;
 *   <li>after at least 10 minutes wake, the next 3 minutes scored sleep are rescored wake;
 *   <li>after at least 15 minutes wake, the next 4 minutes scored sleep are rescored wake;
 *   <li>6 minutes or less scored sleep, surrounded by at least 10 minutes wake on both sides, are
 *       rescored wake;
 *   <li>10 minutes or less scored sleep, surrounded by at least 20 minutes wake, are rescored wake.
 * </ol>
 *
 * <p>Interpretation shared with pyActigraphy 1.2.2 (the fixtures' reference): all five rules look
 * at the original scores (not at each other's output); rules 1–3 apply to a sleep run only when
 * it is at least as long as the minutes they rescore; rules 4–5 rescore the whole stretch between
 * two long-enough wake runs. Rule 4 uses 10 minutes of surrounding wake, as its code does (its
 * docstring says 15). Unlike the reference, an {@link SleepWake#UNSCORED} epoch is neither sleep
 * nor wake: it ends a run, so no rule reaches across a gap.
 */
public final class WebsterRescoring {

  private WebsterRescoring() {}

  /** A rescored copy; the input is not changed. */
  public static byte[] apply(byte[] scores) {
    byte[] out = scores.clone();
    rescoreIfPreceded(scores, out, 1, 4);
    rescoreIfPreceded(scores, out, 3, 10);
    rescoreIfPreceded(scores, out, 4, 15);
    rescoreIfSurrounded(scores, out, 6, 10);
    rescoreIfSurrounded(scores, out, 10, 20);
    return out;
  }

  /** Sleep runs of at least {@code n} epochs right after at least {@code wake} wake epochs. */
  private static void rescoreIfPreceded(byte[] in, byte[] out, int n, int wake) {
    int i = 0;
    while (i < in.length) {
      if (in[i] != SleepWake.SLEEP) {
        i++;
        continue;
      }
      int end = runEnd(in, i);
      if (end - i >= n && i >= wake && allWake(in, i - wake, i)) {
        for (int j = i; j < i + n; j++) {
          out[j] = SleepWake.WAKE;
        }
      }
      i = end;
    }
  }

  /** Stretches of at most {@code n} epochs between two wake runs of at least {@code wake}. */
  private static void rescoreIfSurrounded(byte[] in, byte[] out, int n, int wake) {
    int previousWakeEnd = -1;
    int i = 0;
    while (i < in.length) {
      if (in[i] != SleepWake.WAKE) {
        i++;
        continue;
      }
      int end = runEnd(in, i);
      if (end - i >= wake) {
        if (previousWakeEnd >= 0 && i - previousWakeEnd <= n && noUnscored(in, previousWakeEnd, i)) {
          for (int j = previousWakeEnd; j < i; j++) {
            if (out[j] == SleepWake.SLEEP) {
              out[j] = SleepWake.WAKE;
            }
          }
        }
        previousWakeEnd = end;
      }
      i = end;
    }
  }

  /** Index after the run of equal values starting at {@code i}. */
  private static int runEnd(byte[] s, int i) {
    int j = i;
    while (j < s.length && s[j] == s[i]) {
      j++;
    }
    return j;
  }

  private static boolean allWake(byte[] s, int from, int to) {
    for (int j = from; j < to; j++) {
      if (s[j] != SleepWake.WAKE) {
        return false;
      }
    }
    return true;
  }

  private static boolean noUnscored(byte[] s, int from, int to) {
    for (int j = from; j < to; j++) {
      if (s[j] == SleepWake.UNSCORED) {
        return false;
      }
    }
    return true;
  }
}
