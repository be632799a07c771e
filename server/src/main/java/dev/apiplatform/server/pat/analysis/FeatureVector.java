package dev.apiplatform.server.pat.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Seed 003's {@code feature_embeddings}: a fixed-length vector of {@value #LENGTH} hand-defined
 * features (no learned weights), in the order of {@link #NAMES}. Counts enter as {@code ln(1+x)}
 * so devices of different scales stay comparable in magnitude; clock times as sine/cosine of the
 * day so 23:59 and 00:00 are neighbours. A feature that cannot be computed is null.
 */
public final class FeatureVector {

  public static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      names.add(String.format("log1p_hourly_mean_%02dh", h));
    }
    names.addAll(List.of(
        "interdaily_stability", "intradaily_variability", "relative_amplitude",
        "log1p_l5", "log1p_m10",
        "l5_onset_sin", "l5_onset_cos", "m10_onset_sin", "m10_onset_cos",
        "log1p_cosinor_mesor", "log1p_cosinor_amplitude",
        "cosinor_acrophase_sin", "cosinor_acrophase_cos", "cosinor_r_squared",
        "mean_total_sleep_hours", "mean_sleep_efficiency", "mean_waso_hours", "mean_awakenings",
        "data_completeness", "wear_time"));
    NAMES = Collections.unmodifiableList(names);
  }

  public static final int LENGTH = 44;

  private FeatureVector() {}

  static List<Double> of(ActivityPatterns activity, CircadianRhythm rhythm, SleepMetrics sleep, ConfidenceScores c) {
    List<Double> f = new ArrayList<>(LENGTH);
    for (Double h : activity.hourlyProfile()) {
      f.add(h == null ? null : Math.log1p(h));
    }
    NonParametricRhythm.Result np = rhythm.nonParametric();
    f.add(np == null ? null : np.interdailyStability());
    f.add(np == null ? null : np.intradailyVariability());
    f.add(np == null ? null : np.relativeAmplitude());
    f.add(np == null ? null : Math.log1p(np.l5()));
    f.add(np == null ? null : Math.log1p(np.m10()));
    addClock(f, np == null ? null : (double) np.l5StartMinute());
    addClock(f, np == null ? null : (double) np.m10StartMinute());
    Cosinor.Fit fit = rhythm.cosinor();
    f.add(fit == null ? null : Math.log1p(Math.max(0, fit.mesor())));
    f.add(fit == null ? null : Math.log1p(fit.amplitude()));
    addClock(f, fit == null ? null : fit.acrophaseMinute());
    f.add(fit == null ? null : fit.rSquared());
    f.add(sleep.meanTotalSleepMinutes() == null ? null : sleep.meanTotalSleepMinutes() / 60);
    f.add(sleep.meanSleepEfficiency());
    f.add(sleep.meanWasoMinutes() == null ? null : sleep.meanWasoMinutes() / 60);
    f.add(sleep.meanAwakenings());
    f.add(c.dataCompleteness());
    f.add(c.wearTime());
    if (f.size() != LENGTH || NAMES.size() != LENGTH) {
      throw new IllegalStateException("feature vector length drifted: " + f.size() + "/" + NAMES.size());
    }
    return Collections.unmodifiableList(f);
  }

  private static void addClock(List<Double> f, Double minuteOfDay) {
    if (minuteOfDay == null) {
      f.add(null);
      f.add(null);
      return;
    }
    double angle = 2 * Math.PI * minuteOfDay / MinuteSeries.MINUTES_PER_DAY;
    f.add(Math.sin(angle));
    f.add(Math.cos(angle));
  }
}
