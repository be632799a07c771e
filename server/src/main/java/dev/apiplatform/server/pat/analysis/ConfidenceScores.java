package dev.apiplatform.server.pat.analysis;

/**
 * Seed 003's {@code confidence_scores}, each in [0, 1], from data completeness and wear time
 * only (no model uncertainty is claimed):
 *
 * <ul>
 *   <li>{@code dataCompleteness}: observed minutes / minutes spanned;
 *   <li>{@code wearTime}: observed minutes not flagged by {@link NonWear} / observed minutes;
 *   <li>{@code validDays}: local days with at least {@value #VALID_DAY_MINUTES} observed minutes
 *       (16 h, a common actigraphy inclusion rule);
 *   <li>{@code circadian}: share of complete hourly bins × min(1, validDays / 7) (IS and IV
 *       are defined over days and settle with about a week of data, Van Someren et al. 1999);
 *   <li>{@code sleep}: share of the main sleep periods' minutes that could be scored ×
 *       wear time; 0 when no night was found;
 *   <li>{@code overall}: dataCompleteness × wearTime.
 * </ul>
 */
public record ConfidenceScores(
    double dataCompleteness,
    double wearTime,
    int validDays,
    double circadian,
    double sleep,
    double overall) {

  static final int VALID_DAY_MINUTES = 960;

  static ConfidenceScores of(MinuteSeries series, boolean[] nonWear, NonParametricRhythm.Result rhythm,
      SleepMetrics sleep) {
    int observed = series.observedCount();
    double completeness = (double) observed / series.size();
    int worn = 0;
    for (int i = 0; i < series.size(); i++) {
      if (series.isObserved(i) && !nonWear[i]) {
        worn++;
      }
    }
    double wear = observed == 0 ? 0 : (double) worn / observed;
    int validDays = validDays(series);
    int bins = series.size() / 60;
    double hourly = bins == 0 || rhythm == null ? 0 : (double) rhythm.hourlyBinsUsed() / bins;
    double circadian = rhythm == null || rhythm.interdailyStability() == null ? 0
        : hourly * Math.min(1.0, validDays / 7.0);
    int periodMinutes = 0;
    int unscored = 0;
    for (SleepMetrics.Night n : sleep.perNight()) {
      periodMinutes += n.sleepPeriodMinutes();
      unscored += n.unscoredMinutes();
    }
    double sleepScore = periodMinutes == 0 ? 0 : (1.0 - (double) unscored / periodMinutes) * wear;
    return new ConfidenceScores(completeness, wear, validDays, circadian, sleepScore, completeness * wear);
  }

  private static int validDays(MinuteSeries series) {
    int offset = series.minuteOfDay(0);
    int[] perDay = new int[(offset + series.size()) / MinuteSeries.MINUTES_PER_DAY + 1];
    for (int i = 0; i < series.size(); i++) {
      if (series.isObserved(i)) {
        perDay[(offset + i) / MinuteSeries.MINUTES_PER_DAY]++;
      }
    }
    int valid = 0;
    for (int n : perDay) {
      if (n >= VALID_DAY_MINUTES) {
        valid++;
      }
    }
    return valid;
  }
}
