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
   * @param scoring the algorithm behind {@code sleep_metrics} (the other one fills
   *     {@code secondarySleepMetrics})
   * @param inBed reported times in bed, possibly empty
   */
  public record Options(Scoring scoring, List<InBedInterval> inBed, NonParametricRhythm.Convention convention) {
    public Options {
      Objects.requireNonNull(scoring, "scoring");
      inBed = List.copyOf(inBed);
      Objects.requireNonNull(convention, "convention");
    }

    public static Options defaults() {
      return new Options(Scoring.COLE_KRIPKE_WEBSTER, List.of(), NonParametricRhythm.Convention.WITTING_1990);
    }
  }

  public ActigraphyAnalysis analyze(MinuteSeries series) {
    return analyze(series, Options.defaults());
  }

  public ActigraphyAnalysis analyze(MinuteSeries series, Options options) {
    byte[] ck = ColeKripke.scoreAndRescore(series);
    byte[] sadeh = Sadeh.score(series);
    SleepMetrics ckSleep = SleepAnalysis.compute(series, ck, "cole_kripke_1992+webster_1982", options.inBed());
    SleepMetrics sadehSleep = SleepAnalysis.compute(series, sadeh, "sadeh_1994", options.inBed());
    boolean ckFirst = options.scoring() == Scoring.COLE_KRIPKE_WEBSTER;
    SleepMetrics primary = ckFirst ? ckSleep : sadehSleep;

    boolean[] nonWear = NonWear.detect(series);
    ActivityPatterns activity = ActivityPatterns.of(series, nonWear);
    NonParametricRhythm.Result np = series.size() >= 2 * 60
        ? NonParametricRhythm.compute(series, options.convention()) : null;
    CircadianRhythm rhythm = new CircadianRhythm(np, Cosinor.fit(series));
    ConfidenceScores confidence = ConfidenceScores.of(series, nonWear, np, primary);
    List<Double> features = FeatureVector.of(activity, rhythm, primary, confidence);
    return new ActigraphyAnalysis(activity, primary, ckFirst ? sadehSleep : ckSleep, rhythm, features, confidence);
  }
}
