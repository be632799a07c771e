package dev.apiplatform.server.pat.analysis;

import java.util.List;
import java.util.Objects;

/**
 * The whole analysis of one recording: scoring, sleep variables, circadian variables, features
 * and confidence. Stateless and thread-safe; a 4-week minute series takes milliseconds (see
 * {@code bench/pat}), so the HTTP layer may run small inputs inline and large ones as a job.
 */
public final class ActigraphyAnalyzer {

  public enum Scoring {
    COLE_KRIPKE_WEBSTER,
    SADEH
  }

  /**
   * What the series counts. {@link #STEP_COUNTS} (HealthKit steps via
   * {@link MinuteResampler#forSteps}): the count-validated scorers and the non-wear rule do not
   * apply; sleep variables come from {@link StepRestPeriods} and there is no secondary scoring.
   */
  public enum Signal {
    ACTIVITY_COUNTS,
    STEP_COUNTS
  }

  /**
   * @param scoring the algorithm behind {@code sleep_metrics} (the other one fills
   *     {@code secondarySleepMetrics})
   * @param inBed reported times in bed, possibly empty
   */
  public record Options(
      Signal signal, Scoring scoring, List<InBedInterval> inBed, NonParametricRhythm.Convention convention) {
    public Options {
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(scoring, "scoring");
      inBed = List.copyOf(inBed);
      Objects.requireNonNull(convention, "convention");
    }

    /** Activity counts, Cole–Kripke + Webster first, no time in bed, Witting's IS/IV. */
    public static Options defaults() {
      return new Options(Signal.ACTIVITY_COUNTS, Scoring.COLE_KRIPKE_WEBSTER, List.of(),
          NonParametricRhythm.Convention.WITTING_1990);
    }

    /** For {@code POST /api/v1/pat/analyze-step-data}. */
    public static Options forSteps() {
      return new Options(Signal.STEP_COUNTS, Scoring.COLE_KRIPKE_WEBSTER, List.of(),
          NonParametricRhythm.Convention.WITTING_1990);
    }

    public Options withInBed(List<InBedInterval> intervals) {
      return new Options(signal, scoring, intervals, convention);
    }
  }

  public ActigraphyAnalysis analyze(MinuteSeries series) {
    return analyze(series, Options.defaults());
  }

  public ActigraphyAnalysis analyze(MinuteSeries series, Options options) {
    SleepMetrics primary;
    SleepMetrics secondary;
    boolean[] nonWear;
    if (options.signal() == Signal.STEP_COUNTS) {
      primary = SleepAnalysis.computeFromSteps(series, options.inBed());
      secondary = null;
      // a step-free minute looks the same worn or not: coverage (the resampler's bridge) is the
      // only wear evidence steps carry, so nothing is flagged here
      nonWear = new boolean[series.size()];
    } else {
      byte[] ck = ColeKripke.scoreAndRescore(series);
      byte[] sadeh = Sadeh.score(series);
      SleepMetrics ckSleep = SleepAnalysis.compute(series, ck, "cole_kripke_1992+webster_1982", options.inBed());
      SleepMetrics sadehSleep = SleepAnalysis.compute(series, sadeh, "sadeh_1994", options.inBed());
      boolean ckFirst = options.scoring() == Scoring.COLE_KRIPKE_WEBSTER;
      primary = ckFirst ? ckSleep : sadehSleep;
      secondary = ckFirst ? sadehSleep : ckSleep;
      nonWear = NonWear.detect(series);
    }

    ActivityPatterns activity = ActivityPatterns.of(series, nonWear);
    NonParametricRhythm.Result np = series.size() >= 2 * 60
        ? NonParametricRhythm.compute(series, options.convention()) : null;
    CircadianRhythm rhythm = new CircadianRhythm(np, Cosinor.fit(series));
    ConfidenceScores confidence = ConfidenceScores.of(series, nonWear, np, primary);
    List<Double> features = FeatureVector.of(activity, rhythm, primary, confidence);
    return new ActigraphyAnalysis(activity, primary, secondary, rhythm, features, confidence);
  }
}
