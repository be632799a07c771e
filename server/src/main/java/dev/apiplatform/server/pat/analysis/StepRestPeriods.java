package dev.apiplatform.server.pat.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Rest periods from step counts. Cole–Kripke and Sadeh were validated on wrist activity counts;
 * step counts are another signal (walking at 100 steps/min gives a Cole–Kripke D of 0.77, i.e.
 * "sleep"), so for step data neither is applied and sleep variables come from this rule instead.
 * It is <em>not a published method</em> and the model info says so:
 *
 * <ul>
 *   <li>a minute is rest when it is observed with zero steps, active when it has steps;
 *   <li>rest runs are joined across an active stretch of at most {@value #MAX_INTERRUPTION}
 *       minutes with at most {@value #MAX_INTERRUPTION_STEPS} steps (a trip to the bathroom);
 *   <li>joined stretches of at least {@value SleepPeriods#MIN_PERIOD} minutes are rest periods
 *       (the same minimum as {@link SleepPeriods}).
 * </ul>
 */
public final class StepRestPeriods {

  public static final String ALGORITHM = "step_rest_heuristic";
  static final int MAX_INTERRUPTION = 10;
  static final double MAX_INTERRUPTION_STEPS = 200;

  private StepRestPeriods() {}

  /** Per-minute rest (as {@link SleepWake#SLEEP}) / active ({@link SleepWake#WAKE}) / unscored. */
  public static byte[] restScores(MinuteSeries steps) {
    byte[] out = new byte[steps.size()];
    for (int i = 0; i < out.length; i++) {
      double v = steps.count(i);
      out[i] = Double.isNaN(v) ? SleepWake.UNSCORED : v == 0 ? SleepWake.SLEEP : SleepWake.WAKE;
    }
    return out;
  }

  public static List<SleepPeriods.Period> detect(MinuteSeries steps, byte[] rest) {
    List<SleepPeriods.Period> runs = new ArrayList<>();
    int i = 0;
    while (i < rest.length) {
      if (rest[i] != SleepWake.SLEEP) {
        i++;
        continue;
      }
      int end = i;
      while (end < rest.length && rest[end] == SleepWake.SLEEP) {
        end++;
      }
      SleepPeriods.Period last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && smallInterruption(steps, rest, last.end(), i)) {
        runs.set(runs.size() - 1, new SleepPeriods.Period(last.onset(), end));
      } else {
        runs.add(new SleepPeriods.Period(i, end));
      }
      i = end;
    }
    return runs.stream().filter(p -> p.length() >= SleepPeriods.MIN_PERIOD).toList();
  }

  /** Active minutes {@code [from, to)}: short, few steps, and no missing minute. */
  private static boolean smallInterruption(MinuteSeries steps, byte[] rest, int from, int to) {
    if (to - from > MAX_INTERRUPTION) {
      return false;
    }
    double total = 0;
    for (int j = from; j < to; j++) {
      if (rest[j] == SleepWake.UNSCORED) {
        return false;
      }
      total += steps.count(j);
    }
    return total <= MAX_INTERRUPTION_STEPS;
  }
}
