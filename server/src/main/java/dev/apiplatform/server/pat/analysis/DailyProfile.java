package dev.apiplatform.server.pat.analysis;

/** The average day of a recording: means of the observed counts at each clock minute or hour. */
public final class DailyProfile {

  private DailyProfile() {}

  /** 1440 means, index = minute after local midnight; {@code NaN} where never observed. */
  public static double[] minuteMeans(MinuteSeries series) {
    double[] sum = new double[MinuteSeries.MINUTES_PER_DAY];
    int[] n = new int[MinuteSeries.MINUTES_PER_DAY];
    double[] v = series.values();
    int m = series.minuteOfDay(0);
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i])) {
        sum[m] += v[i];
        n[m]++;
      }
      m = m == MinuteSeries.MINUTES_PER_DAY - 1 ? 0 : m + 1;
    }
    double[] out = new double[MinuteSeries.MINUTES_PER_DAY];
    for (int i = 0; i < out.length; i++) {
      out[i] = n[i] == 0 ? Double.NaN : sum[i] / n[i];
    }
    return out;
  }

  /** 24 hourly values of the average day: the mean count per minute within each clock hour. */
  public static double[] hourlyMeans(MinuteSeries series) {
    double[] minutes = minuteMeans(series);
    double[] out = new double[24];
    for (int h = 0; h < 24; h++) {
      double s = 0;
      int n = 0;
      for (int j = h * 60; j < h * 60 + 60; j++) {
        if (!Double.isNaN(minutes[j])) {
          s += minutes[j];
          n++;
        }
      }
      out[h] = n == 0 ? Double.NaN : s / n;
    }
    return out;
  }
}
