package dev.apiplatform.server.pat.analysis;

/**
 * The non-parametric circadian rest-activity variables, on raw counts (not binarised):
 *
 * <ul>
 *   <li>IS, interdaily stability, and IV, intradaily variability: Witting, Kwa, Eikelenboom,
 *       Mirmiran &amp; Swaab (1990), Biol Psychiatry 27:563–572, on hourly sums;
 *   <li>L5 / M10, mean activity of the least active 5 h / most active 10 h of the average day,
 *       and RA = (M10 − L5) / (M10 + L5): Van Someren, Lijzenga, Mirmiran &amp; Swaab (1997),
 *       J Biol Rhythms 12(2):146–156, doi:10.1177/074873049701200206.
 * </ul>
 *
 * <p>Hourly bins are anchored at the first epoch (pyActigraphy's {@code origin='start'}); a bin
 * with any missing minute is left out (pyActigraphy's masked resampling with
 * {@code exclude_if_mask=True}), as is a last bin shorter than an hour. IS groups the bins by
 * their clock time. IV uses the differences of consecutive bins that are both present.
 *
 * <p>{@link Convention#WITTING_1990} (default) divides sums of squares by their counts, as in
 * the paper's formulas. {@link Convention#PYACTIGRAPHY_1_2_2} uses pandas' sample variance
 * ({@code var()}, n−1) for both the 24-hour profile and the hourly data; it is what the fixtures
 * reproduce exactly. For a week of hourly data the two IS differ by about 4%.
 *
 * <p>L5 and M10 use the minute-resolution average day (mean of the observed counts at each clock
 * minute) with windows wrapping over midnight; a window's mean divides its sum by its length
 * (300 or 600 minutes), as pyActigraphy does.
 */
public final class NonParametricRhythm {

  public enum Convention {
    WITTING_1990,
    PYACTIGRAPHY_1_2_2
  }

  /** Times are minutes after local midnight of the window's first minute. */
  public record Result(
      Double interdailyStability,
      Double intradailyVariability,
      double l5,
      int l5StartMinute,
      double m10,
      int m10StartMinute,
      Double relativeAmplitude,
      int hourlyBinsUsed) {}

  static final int L5_MINUTES = 300;
  static final int M10_MINUTES = 600;

  private NonParametricRhythm() {}

  public static Result compute(MinuteSeries series) {
    return compute(series, Convention.WITTING_1990);
  }

  /** Null when no minute is observed: there is no average day to take L5 and M10 from. */
  public static Result compute(MinuteSeries series, Convention convention) {
    if (series.observedCount() == 0) {
      return null;
    }
    double[] hourly = hourlySums(series);
    double[] profile = DailyProfile.minuteMeans(series);
    double[] l5 = extremeWindow(profile, L5_MINUTES, true);
    double[] m10 = extremeWindow(profile, M10_MINUTES, false);
    int used = 0;
    for (double h : hourly) {
      if (!Double.isNaN(h)) {
        used++;
      }
    }
    Double ra = m10[0] + l5[0] > 0 ? (m10[0] - l5[0]) / (m10[0] + l5[0]) : null; // all-zero days: undefined
    return new Result(
        interdailyStability(series, hourly, convention),
        intradailyVariability(hourly, convention),
        l5[0], (int) l5[1], m10[0], (int) m10[1], ra, used);
  }

  /** Sums of complete hours from the first epoch; {@code NaN} for an hour with a missing minute. */
  static double[] hourlySums(MinuteSeries series) {
    double[] v = series.values();
    int bins = v.length / 60;
    double[] out = new double[bins];
    for (int b = 0; b < bins; b++) {
      double s = 0;
      for (int j = b * 60; j < b * 60 + 60; j++) {
        s += v[j]; // NaN propagates: an incomplete hour is excluded
      }
      out[b] = s;
    }
    return out;
  }

  private static Double interdailyStability(MinuteSeries series, double[] hourly, Convention c) {
    double[] sum = new double[24];
    int[] n = new int[24];
    int startMinute = series.minuteOfDay(0);
    for (int b = 0; b < hourly.length; b++) {
      if (!Double.isNaN(hourly[b])) {
        int slot = ((startMinute + b * 60) % MinuteSeries.MINUTES_PER_DAY) / 60;
        sum[slot] += hourly[b];
        n[slot]++;
      }
    }
    double[] slotMeans = new double[24];
    int slots = 0;
    for (int h = 0; h < 24; h++) {
      if (n[h] > 0) {
        slotMeans[slots++] = sum[h] / n[h];
      }
    }
    Moments data = Moments.of(hourly);
    if (slots < 2 || data.n < 2 || data.ss == 0) {
      return null;
    }
    Moments prof = Moments.of(java.util.Arrays.copyOf(slotMeans, slots));
    if (c == Convention.PYACTIGRAPHY_1_2_2) {
      return (prof.ss / (prof.n - 1)) / (data.ss / (data.n - 1));
    }
    // Witting: n Σ_h (x̄_h − x̄)² / (p Σ_i (x_i − x̄)²), both about the grand mean
    double between = 0;
    for (int h = 0; h < slots; h++) {
      double d = slotMeans[h] - data.mean;
      between += d * d;
    }
    return (between / slots) / (data.ss / data.n);
  }

  private static Double intradailyVariability(double[] hourly, Convention c) {
    double sq = 0;
    int diffs = 0;
    for (int b = 1; b < hourly.length; b++) {
      double d = hourly[b] - hourly[b - 1];
      if (!Double.isNaN(d)) {
        sq += d * d;
        diffs++;
      }
    }
    Moments data = Moments.of(hourly);
    if (diffs == 0 || data.n < 2 || data.ss == 0) {
      return null;
    }
    double variance = c == Convention.PYACTIGRAPHY_1_2_2 ? data.ss / (data.n - 1) : data.ss / data.n;
    return (sq / diffs) / variance;
  }

  /**
   * The window of {@code length} minutes (wrapping over midnight) with the lowest or highest
   * mean; returns {mean, start minute}. The first such window wins a tie. Minutes of the day never
   * observed add nothing to a window's sum.
   */
  static double[] extremeWindow(double[] profile, int length, boolean lowest) {
    int n = profile.length;
    double window = 0;
    for (int j = 0; j < length; j++) {
      window += valueOrZero(profile[j % n]);
    }
    double best = window;
    int bestStart = 0;
    for (int s = 1; s < n; s++) {
      window += valueOrZero(profile[(s + length - 1) % n]) - valueOrZero(profile[s - 1]);
      if (lowest ? window < best - 1e-9 * Math.abs(best) : window > best + 1e-9 * Math.abs(best)) {
        best = window;
        bestStart = s;
      }
    }
    return new double[] {recomputedMean(profile, bestStart, length), bestStart};
  }

  /** The chosen window summed afresh, so the sliding sum's rounding does not reach the value. */
  private static double recomputedMean(double[] profile, int start, int length) {
    double s = 0;
    for (int j = 0; j < length; j++) {
      s += valueOrZero(profile[(start + j) % profile.length]);
    }
    return s / length;
  }

  private static double valueOrZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  /** Count, mean and sum of squared deviations of the non-missing values. */
  private record Moments(int n, double mean, double ss) {
    static Moments of(double[] values) {
      int n = 0;
      double sum = 0;
      for (double v : values) {
        if (!Double.isNaN(v)) {
          n++;
          sum += v;
        }
      }
      double mean = n == 0 ? Double.NaN : sum / n;
      double ss = 0;
      for (double v : values) {
        if (!Double.isNaN(v)) {
          ss += (v - mean) * (v - mean);
        }
      }
      return new Moments(n, mean, ss);
    }
  }
}
