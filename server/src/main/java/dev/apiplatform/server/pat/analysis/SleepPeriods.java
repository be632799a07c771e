package dev.apiplatform.server.pat.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Sleep periods from per-epoch scores, by the rules of Tudor-Locke, Barreira, Schuna, Mire,
 * Chaput, Fogelholm et al. (2014), "Fully automated waist-worn accelerometer algorithm for
 * detecting children's sleep-period time separate from 24-h physical activity or sedentary
 * behaviors", Appl Physiol Nutr Metab 39(1):53–57, doi:10.1139/apnm-2013-0173: onset is the first
 * of {@value #ONSET_RUN} consecutive sleep minutes, the period ends at the first of
 * {@value #END_RUN} consecutive minutes that are not sleep (wake, or unscored: a gap ends a
 * period), and periods shorter than {@value #MIN_PERIOD} minutes are dropped.
 *
 * <p>Not in the paper, and labelled as ours in the model info: {@link #mergeCloserThan} joins
 * periods of one night less than {@value #MERGE_GAP} minutes apart, so a single awakening of 10–60
 * minutes counts as wake after sleep onset instead of splitting the night in two.
 */
public final class SleepPeriods {

  static final int ONSET_RUN = 5;
  static final int END_RUN = 10;
  static final int MIN_PERIOD = 160;
  static final int MERGE_GAP = 60;

  /** Epochs {@code [onset, end)}; {@code end} is the first epoch of the terminating wake run. */
  public record Period(int onset, int end) {
    public int length() {
      return end - onset;
    }
  }

  private SleepPeriods() {}

  public static List<Period> detect(byte[] scores) {
    return detect(scores, 0, scores.length, MIN_PERIOD);
  }

  /** Periods inside {@code [from, to)}, at least {@code minLength} long. */
  static List<Period> detect(byte[] scores, int from, int to, int minLength) {
    List<Period> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      int onset = findRun(scores, i, to, ONSET_RUN, true);
      if (onset < 0) {
        break;
      }
      int wakeRun = findRun(scores, onset, to, END_RUN, false);
      int end = wakeRun < 0 ? lastSleepEnd(scores, onset, to) : wakeRun;
      if (end - onset >= minLength) {
        out.add(new Period(onset, end));
      }
      i = wakeRun < 0 ? to : wakeRun + END_RUN;
    }
    return out;
  }

  /** Periods (in order) joined where the next starts less than {@code gap} epochs after one ends. */
  static List<Period> mergeCloserThan(List<Period> periods, int gap) {
    List<Period> out = new ArrayList<>();
    for (Period p : periods) {
      Period last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && p.onset() - last.end() < gap) {
        out.set(out.size() - 1, new Period(last.onset(), p.end()));
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** Start of the first run of {@code length} sleep (or non-sleep) epochs in {@code [from, to)}. */
  static int findRun(byte[] s, int from, int to, int length, boolean sleep) {
    int run = 0;
    for (int j = from; j < to; j++) {
      boolean isSleep = s[j] == SleepWake.SLEEP;
      run = isSleep == sleep ? run + 1 : 0;
      if (run == length) {
        return j - length + 1;
      }
    }
    return -1;
  }

  /** One past the last sleep epoch in {@code [from, to)}, or {@code from} if there is none. */
  static int lastSleepEnd(byte[] s, int from, int to) {
    for (int j = to - 1; j >= from; j--) {
      if (s[j] == SleepWake.SLEEP) {
        return j + 1;
      }
    }
    return from;
  }
}
