package dev.apiplatform.server.pat.analysis;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Descriptive activity (seed 003's {@code activity_patterns}): what the recording covers and the
 * shape of its average day. Hourly values are mean counts per minute within each clock hour of
 * the average day, null for an hour never observed.
 */
public record ActivityPatterns(
    LocalDateTime start,
    LocalDateTime end,
    int totalMinutes,
    int observedMinutes,
    int nonWearMinutes,
    double meanCountsPerObservedMinute,
    double meanDailyCounts,
    List<Double> hourlyProfile,
    Integer mostActiveHour,
    Integer leastActiveHour) {

  static ActivityPatterns of(MinuteSeries series, boolean[] nonWear) {
    double sum = 0;
    for (int i = 0; i < series.size(); i++) {
      if (series.isObserved(i)) {
        sum += series.count(i);
      }
    }
    int nonWearMinutes = 0;
    for (boolean b : nonWear) {
      if (b) {
        nonWearMinutes++;
      }
    }
    int observed = series.observedCount();
    double[] hourly = DailyProfile.hourlyMeans(series);
    List<Double> profile = new ArrayList<>(24);
    Integer most = null;
    Integer least = null;
    for (int h = 0; h < 24; h++) {
      double v = hourly[h];
      profile.add(Double.isNaN(v) ? null : v);
      if (!Double.isNaN(v)) {
        most = most == null || v > hourly[most] ? Integer.valueOf(h) : most;
        least = least == null || v < hourly[least] ? Integer.valueOf(h) : least;
      }
    }
    double perMinute = observed == 0 ? 0 : sum / observed;
    return new ActivityPatterns(series.start(), series.start().plusMinutes(series.size()), series.size(),
        observed, nonWearMinutes, perMinute, perMinute * MinuteSeries.MINUTES_PER_DAY,
        java.util.Collections.unmodifiableList(profile), most, least);
  }
}
