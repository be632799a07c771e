package dev.apiplatform.server.pat.analysis;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Sleep variables per night and their means (seed 003's {@code sleep_metrics}). A night runs from
 * local noon to the next noon; its main sleep period is the longest {@link SleepPeriods} period
 * (after joining periods less than an hour apart) whose onset falls in it, or, when an {@link InBedInterval} is given, the stretch from the first
 * {@value SleepPeriods#ONSET_RUN}-minute sleep run in bed to the last sleep minute in bed.
 *
 * <ul>
 *   <li>total sleep time (TST): minutes scored sleep in the period;
 *   <li>WASO: minutes scored wake after onset and before the final awakening;
 *   <li>awakenings: wake runs (any length) within the period;
 *   <li>sleep efficiency: TST / time in bed, or TST / sleep period when no time in bed is known
 *       (then it is "sleep period efficiency"); unscored minutes leave the denominator;
 *   <li>sleep onset latency: onset − bedtime, only with a time in bed (null otherwise).
 * </ul>
 *
 * <p>{@code otherSleepPeriods}: periods of at least 160 minutes that were not a night's main one
 * (naps, a split night). {@code truncatedNights}: main periods left out of the means because
 * they start at the recording's start or right after a gap, or end at its end or into a gap, so
 * part of that night is unknown.
 */
public record SleepMetrics(
    String scoringAlgorithm,
    int nights,
    Double meanTotalSleepMinutes,
    Double meanSleepEfficiency,
    Double meanSleepOnsetLatencyMinutes,
    Double meanWasoMinutes,
    Double meanAwakenings,
    int otherSleepPeriods,
    int truncatedNights,
    List<Night> perNight) {

  public record Night(
      LocalDateTime sleepOnset,
      LocalDateTime finalAwakening,
      LocalDateTime bedtime,
      LocalDateTime risetime,
      int sleepPeriodMinutes,
      int totalSleepMinutes,
      int wasoMinutes,
      int awakenings,
      int unscoredMinutes,
      double sleepEfficiency,
      Double sleepOnsetLatencyMinutes) {}
}
