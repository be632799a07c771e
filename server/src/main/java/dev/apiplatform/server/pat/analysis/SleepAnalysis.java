package dev.apiplatform.server.pat.analysis;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes {@link SleepMetrics} from a series' sleep/wake scores. */
public final class SleepAnalysis {

  private SleepAnalysis() {}

  /**
   * @param scores per-epoch scores of {@code series} (after rescoring)
   * @param inBed reported times in bed; empty to detect periods from the scores alone
   */
  public static SleepMetrics compute(MinuteSeries series, byte[] scores, String algorithm, List<InBedInterval> inBed) {
    return inBed.isEmpty() ? fromDetectedPeriods(series, scores, algorithm) : fromInBed(series, scores, algorithm, inBed);
  }

  /**
   * Step data: rest periods by {@link StepRestPeriods}, the longest per noon-to-noon night; the
   * same variables, rest standing in for sleep.
   */
  public static SleepMetrics computeFromSteps(MinuteSeries steps, List<InBedInterval> inBed) {
    byte[] rest = StepRestPeriods.restScores(steps);
    if (!inBed.isEmpty()) {
      return fromInBed(steps, rest, StepRestPeriods.ALGORITHM, inBed);
    }
    return fromPeriods(steps, rest, StepRestPeriods.ALGORITHM, StepRestPeriods.detect(steps, rest), 0);
  }

  private static SleepMetrics fromDetectedPeriods(MinuteSeries series, byte[] scores, String algorithm) {
    // join first, then drop short periods: two halves of a broken night may each be under 160 min
    return fromPeriods(series, scores, algorithm, SleepPeriods.detect(scores, 0, scores.length, 1), SleepPeriods.MERGE_GAP);
  }

  private static SleepMetrics fromPeriods(
      MinuteSeries series, byte[] scores, String algorithm, List<SleepPeriods.Period> found, int mergeGap) {
    Map<LocalDate, List<SleepPeriods.Period>> byNight = new LinkedHashMap<>();
    for (SleepPeriods.Period p : found) {
      LocalDate night = series.start().plusMinutes(p.onset()).minusHours(12).toLocalDate();
      byNight.computeIfAbsent(night, k -> new ArrayList<>()).add(p);
    }
    List<SleepMetrics.Night> nights = new ArrayList<>();
    int others = 0;
    int truncated = 0;
    for (List<SleepPeriods.Period> periods : byNight.values()) {
      List<SleepPeriods.Period> merged = SleepPeriods.mergeCloserThan(periods, mergeGap).stream()
          .filter(p -> p.length() >= SleepPeriods.MIN_PERIOD).toList();
      if (merged.isEmpty()) {
        continue;
      }
      SleepPeriods.Period main = merged.get(0);
      for (SleepPeriods.Period p : merged) {
        main = p.length() > main.length() ? p : main;
      }
      others += merged.size() - 1;
      if (cutOff(scores, main)) {
        truncated++; // its true onset or end lies outside the data: its TST would be too short
        continue;
      }
      nights.add(night(series, scores, main.onset(), main.end(), main.onset(), main.end(), false));
    }
    return summarise(algorithm, nights, others, truncated);
  }

  /** The period starts right after, or ends right into, the recording's edge or a gap. */
  private static boolean cutOff(byte[] s, SleepPeriods.Period p) {
    boolean before = p.onset() == 0 || s[p.onset() - 1] == SleepWake.UNSCORED;
    boolean after = p.end() >= s.length || s[p.end()] == SleepWake.UNSCORED;
    return before || after;
  }

  private static SleepMetrics fromInBed(MinuteSeries series, byte[] scores, String algorithm, List<InBedInterval> inBed) {
    List<SleepMetrics.Night> nights = new ArrayList<>();
    for (InBedInterval bed : inBed) {
      int from = (int) Math.max(0, Duration.between(series.start(), bed.start()).toMinutes());
      int to = (int) Math.min(series.size(), Duration.between(series.start(), bed.end()).toMinutes());
      if (to <= from) {
        continue; // the time in bed lies outside the recording
      }
      int onset = SleepPeriods.findRun(scores, from, to, SleepPeriods.ONSET_RUN, true);
      if (onset < 0) {
        continue; // no sleep onset in bed: nothing to measure
      }
      int end = SleepPeriods.lastSleepEnd(scores, onset, to);
      nights.add(night(series, scores, onset, end, from, to, true));
    }
    return summarise(algorithm, nights, 0, 0);
  }

  private static SleepMetrics.Night night(
      MinuteSeries series, byte[] s, int onset, int end, int bedFrom, int bedTo, boolean reportedBed) {
    int sleep = 0;
    int wake = 0;
    int unscored = 0;
    int awakenings = 0;
    for (int j = onset; j < end; j++) {
      if (s[j] == SleepWake.SLEEP) {
        sleep++;
      } else if (s[j] == SleepWake.WAKE) {
        wake++;
        if (j == onset || s[j - 1] != SleepWake.WAKE) {
          awakenings++;
        }
      } else {
        unscored++;
      }
    }
    int bedUnscored = 0;
    for (int j = bedFrom; j < bedTo; j++) {
      if (s[j] == SleepWake.UNSCORED) {
        bedUnscored++;
      }
    }
    int denominator = (bedTo - bedFrom) - bedUnscored;
    LocalDateTime t0 = series.start();
    return new SleepMetrics.Night(
        t0.plusMinutes(onset), t0.plusMinutes(end),
        reportedBed ? t0.plusMinutes(bedFrom) : null, reportedBed ? t0.plusMinutes(bedTo) : null,
        end - onset, sleep, wake, awakenings, unscored,
        denominator > 0 ? (double) sleep / denominator : 0,
        reportedBed ? Double.valueOf(onset - bedFrom) : null);
  }

  private static SleepMetrics summarise(String algorithm, List<SleepMetrics.Night> nights, int others, int truncated) {
    if (nights.isEmpty()) {
      return new SleepMetrics(algorithm, 0, null, null, null, null, null, others, truncated, List.of());
    }
    double tst = 0, se = 0, waso = 0, awakenings = 0, sol = 0;
    int solNights = 0;
    for (SleepMetrics.Night n : nights) {
      tst += n.totalSleepMinutes();
      se += n.sleepEfficiency();
      waso += n.wasoMinutes();
      awakenings += n.awakenings();
      if (n.sleepOnsetLatencyMinutes() != null) {
        sol += n.sleepOnsetLatencyMinutes();
        solNights++;
      }
    }
    int k = nights.size();
    return new SleepMetrics(algorithm, k, tst / k, se / k, solNights == 0 ? null : sol / solNights,
        waso / k, awakenings / k, others, truncated, List.copyOf(nights));
  }
}
