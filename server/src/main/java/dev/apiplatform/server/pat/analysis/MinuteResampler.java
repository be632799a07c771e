package dev.apiplatform.server.pat.analysis;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interval samples (HealthKit step samples, or epochs of direct actigraphy) to a
 * {@link MinuteSeries} with gaps marked, never zero-filled.
 *
 * <ul>
 *   <li>Each sample's value is spread over the minutes it overlaps, in proportion to the overlap
 *       (an instantaneous sample goes to its minute). Samples of one source add up.
 *   <li>A source <em>covers</em> a minute when the minute overlaps one of its coverage spans: its
 *       samples, merged whenever the silence between two of them is at most {@code bridge}.
 *       A covered minute without samples is an observed zero; an uncovered one is missing.
 *   <li>Several sources (iPhone and Watch both count the same steps): per minute the highest of
 *       the covering sources' values, so overlapping sources are not added twice.
 * </ul>
 *
 * <p>Why a bridge for steps: a phone records no sample while nobody walks, so the silence of a
 * night is data (zero steps, the basis of rest detection), not a gap; a silence longer than the
 * bridge (default {@link #STEP_BRIDGE}, 12 h: longer than a night in bed, so a longer silence
 * points at a phone switched off or left behind) is treated as missing. This is a convention of
 * ours, not a published rule. For direct actigraphy the bridge is zero: only minutes a sample
 * covers are observed.
 */
public final class MinuteResampler {

  public static final Duration STEP_BRIDGE = Duration.ofHours(12);
  /** Longest series accepted, so one stray timestamp cannot allocate years of minutes. */
  public static final int MAX_MINUTES = 62 * MinuteSeries.MINUTES_PER_DAY;

  private final ZoneId zone;
  private final Duration bridge;

  public MinuteResampler(ZoneId zone, Duration bridge) {
    if (bridge.isNegative()) {
      throw new IllegalArgumentException("bridge must be >= 0");
    }
    this.zone = zone;
    this.bridge = bridge;
  }

  /** For HealthKit step samples: silences up to {@link #STEP_BRIDGE} are observed zeros. */
  public static MinuteResampler forSteps(ZoneId zone) {
    return new MinuteResampler(zone, STEP_BRIDGE);
  }

  /** For direct actigraphy epochs: only the time samples cover is observed. */
  public static MinuteResampler forEpochs(ZoneId zone) {
    return new MinuteResampler(zone, Duration.ZERO);
  }

  /**
   * Seed 003's {@code ActigraphyInput}: points at {@code timestamps[i]} with
   * {@code sampling_rate} samples per minute, i.e. each point an epoch of {@code 1/rate} minutes.
   */
  public static List<TimedSample> epochs(List<Instant> timestamps, double[] values, double samplesPerMinute) {
    if (!(samplesPerMinute > 0) || samplesPerMinute > 60 * 100) {
      throw new IllegalArgumentException("sampling rate must be > 0 samples per minute: " + samplesPerMinute);
    }
    if (timestamps.size() != values.length) {
      throw new IllegalArgumentException("one value per timestamp");
    }
    long epochNanos = Math.round(60e9 / samplesPerMinute);
    List<TimedSample> out = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      Instant t = timestamps.get(i);
      out.add(new TimedSample(t, t.plusNanos(epochNanos), values[i], "actigraphy"));
    }
    return out;
  }

  /**
   * @throws IllegalArgumentException when there is no sample or the samples span more than
   *     {@link #MAX_MINUTES} minutes
   */
  public MinuteSeries resample(List<TimedSample> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    Instant first = samples.stream().map(TimedSample::start).min(Comparator.naturalOrder()).orElseThrow();
    Instant last = samples.stream().map(TimedSample::end).max(Comparator.naturalOrder()).orElseThrow();
    Instant origin = first.truncatedTo(ChronoUnit.MINUTES);
    long minutes = Math.max(1, ceilMinutes(Duration.between(origin, last)));
    for (TimedSample s : samples) {
      if (s.start().equals(s.end())) { // an instantaneous sample on the last minute boundary
        minutes = Math.max(minutes, Duration.between(origin, s.start()).toMinutes() + 1);
      }
    }
    if (minutes > MAX_MINUTES) {
      throw new IllegalArgumentException("samples span " + minutes + " minutes; at most " + MAX_MINUTES);
    }
    int n = (int) minutes;
    Map<String, List<TimedSample>> bySource = new LinkedHashMap<>();
    for (TimedSample s : samples) {
      bySource.computeIfAbsent(s.source(), k -> new ArrayList<>()).add(s);
    }
    double[] merged = new double[n];
    java.util.Arrays.fill(merged, Double.NaN);
    for (List<TimedSample> source : bySource.values()) {
      double[] own = sourceMinutes(source, origin, n);
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(own[i]) && !(merged[i] >= own[i])) {
          merged[i] = own[i];
        }
      }
    }
    LocalDateTime start = LocalDateTime.ofInstant(origin, zone);
    return MinuteSeries.of(start.truncatedTo(ChronoUnit.MINUTES), merged);
  }

  /** One source's minute values: NaN where it covers nothing. */
  private double[] sourceMinutes(List<TimedSample> samples, Instant origin, int n) {
    List<TimedSample> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparing(TimedSample::start));
    double[] out = new double[n];
    java.util.Arrays.fill(out, Double.NaN);
    Instant spanStart = null;
    Instant spanEnd = null;
    for (TimedSample s : sorted) {
      if (spanEnd != null && Duration.between(spanEnd, s.start()).compareTo(bridge) > 0) {
        cover(out, origin, spanStart, spanEnd);
        spanStart = null;
      }
      if (spanStart == null) {
        spanStart = s.start();
        spanEnd = s.end();
      } else if (s.end().isAfter(spanEnd)) {
        spanEnd = s.end();
      }
    }
    cover(out, origin, spanStart, spanEnd);
    for (TimedSample s : sorted) {
      distribute(out, origin, s);
    }
    return out;
  }

  /** Marks the minutes that {@code [from, to]} overlaps as observed zeros (keeps values). */
  private static void cover(double[] out, Instant origin, Instant from, Instant to) {
    int a = (int) Duration.between(origin, from).toMinutes();
    int b = (int) Math.min(out.length, Math.max(a + 1, ceilMinutes(Duration.between(origin, to))));
    for (int i = a; i < b; i++) {
      if (Double.isNaN(out[i])) {
        out[i] = 0;
      }
    }
  }

  private static void distribute(double[] out, Instant origin, TimedSample s) {
    long fromNs = Duration.between(origin, s.start()).toNanos();
    long toNs = Duration.between(origin, s.end()).toNanos();
    long minuteNs = 60_000_000_000L;
    if (toNs == fromNs) {
      out[(int) (fromNs / minuteNs)] += s.value();
      return;
    }
    double perNs = s.value() / (toNs - fromNs);
    for (long m = fromNs / minuteNs; m * minuteNs < toNs && m < out.length; m++) {
      long overlap = Math.min(toNs, (m + 1) * minuteNs) - Math.max(fromNs, m * minuteNs);
      out[(int) m] += perNs * overlap;
    }
  }

  private static long ceilMinutes(Duration d) {
    long ns = d.toNanos();
    return (ns + 59_999_999_999L) / 60_000_000_000L;
  }
}
