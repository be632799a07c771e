package dev.apiplatform.server.pat.analysis;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * Activity counts in consecutive one-minute epochs, starting at {@code start} (local wall-clock
 * time of the wearer: every circadian variable is about clock time). A missing epoch is
 * {@link Double#NaN}, never zero: zero means "observed, no movement", and mixing the two would
 * score every gap as sleep.
 *
 * <p>Epoch {@code i} is the minute {@code start + i}; daylight-saving jumps are not modelled (a
 * recording is a sequence of elapsed minutes labelled from its local start).
 */
public final class MinuteSeries {

  public static final int MINUTES_PER_DAY = 1440;

  private final LocalDateTime start;
  private final double[] counts;
  private final int observed;

  private MinuteSeries(LocalDateTime start, double[] counts) {
    this.start = start;
    this.counts = counts;
    int n = 0;
    for (double c : counts) {
      if (!Double.isNaN(c)) {
        n++;
      }
    }
    this.observed = n;
  }

  /**
   * @param start the local time of the first epoch; seconds are not allowed (epochs are minutes)
   * @param counts one value per minute, {@code NaN} for a missing minute; copied
   * @throws IllegalArgumentException for a negative or infinite count or an empty series
   */
  public static MinuteSeries of(LocalDateTime start, double[] counts) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(counts, "counts");
    if (!start.truncatedTo(ChronoUnit.MINUTES).equals(start)) {
      throw new IllegalArgumentException("start must be on a whole minute: " + start);
    }
    if (counts.length == 0) {
      throw new IllegalArgumentException("a series needs at least one epoch");
    }
    for (int i = 0; i < counts.length; i++) {
      double c = counts[i];
      if (Double.isInfinite(c) || c < 0) {
        throw new IllegalArgumentException("count at epoch " + i + " must be finite and >= 0: " + c);
      }
    }
    return new MinuteSeries(start, counts.clone());
  }

  public LocalDateTime start() {
    return start;
  }

  public int size() {
    return counts.length;
  }

  /** The count of epoch {@code i}, {@code NaN} when missing. */
  public double count(int i) {
    return counts[i];
  }

  public boolean isObserved(int i) {
    return !Double.isNaN(counts[i]);
  }

  public int observedCount() {
    return observed;
  }

  /** Minute of the local day (0..1439) of epoch {@code i}. */
  public int minuteOfDay(int i) {
    return (start.getHour() * 60 + start.getMinute() + i) % MINUTES_PER_DAY;
  }

  /** A copy of the counts ({@code NaN} = missing). */
  public double[] toArray() {
    return counts.clone();
  }

  /** Direct read access for the algorithms in this package (no copy on a 40k-epoch series). */
  double[] values() {
    return counts;
  }

  @Override
  public String toString() {
    return "MinuteSeries[start=" + start + ", epochs=" + counts.length + ", observed=" + observed + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinuteSeries m && m.start.equals(start) && Arrays.equals(m.counts, counts);
  }

  @Override
  public int hashCode() {
    return 31 * start.hashCode() + Arrays.hashCode(counts);
  }
}
