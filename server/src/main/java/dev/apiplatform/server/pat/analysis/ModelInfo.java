package dev.apiplatform.server.pat.analysis;

import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /api/v1/pat/models/info} reports: each method the analysis runs, with its
 * published reference and the variant implemented, and whether a learned encoder is loaded.
 */
public record ModelInfo(
    String analysisVersion,
    List<Method> methods,
    List<String> featureNames,
    Encoder encoder,
    String reference) {

  public record Method(String id, String name, String reference, String doi, String variant) {}

  /** {@code loaded=false}: no learned model runs; {@code note} says why. */
  public record Encoder(boolean loaded, String modelName, String source, String note) {}

  public static final String VERSION = "actigraphy-analysis/1.0";

  public static ModelInfo describe(Optional<ActigraphyEncoder> encoder) {
    Encoder e = encoder
        .map(x -> new Encoder(true, x.modelName(), x.source(), "learned embedding computed by the configured encoder"))
        .orElse(new Encoder(false, null, null,
            "The Pretrained Actigraphy Transformer (PAT-S/M/L) is not available: no weights are shipped or "
                + "invented. An ONNX export can be configured by path later; until then feature_embeddings are the "
                + "hand-defined features listed in feature_names."));
    return new ModelInfo(VERSION, METHODS, FeatureVector.NAMES, e,
        "Fixtures checked against pyActigraphy 1.2.2 (GPL-3.0, not bundled); see server/src/test/python/actigraphy_fixtures.py");
  }

  static final List<Method> METHODS = List.of(
      new Method("cole_kripke_1992", "Cole–Kripke sleep/wake scoring (1-min mean-activity model)",
          "Cole RJ, Kripke DF, Gruen W, Mullaney DJ, Gillin JC. Automatic sleep/wake identification from wrist activity. Sleep 1992;15(5):461-469",
          "10.1093/sleep/15.5.461",
          "A = minute count / 30, D = 0.001(106,54,58,76,230,74,67)·A[-4..+2], sleep if D < 1; epochs whose window reaches a gap are unscored"),
      new Method("webster_1982", "Webster's rescoring rules",
          "Webster JB, Kripke DF, Messin S, Mullaney DJ, Wyborney G. An activity-based sleep monitor system for ambulatory use. Sleep 1982;5(4):389-399",
          "10.1093/sleep/5.4.389",
          "rules a-e as listed by Cole et al. 1992, all applied to the original scores (as pyActigraphy 1.2.2); rule d with 10 min of surrounding wake"),
      new Method("sadeh_1994", "Sadeh sleep/wake scoring",
          "Sadeh A, Sharkey KM, Carskadon MA. Activity-based sleep-wake identification: an empirical test of methodological issues. Sleep 1994;17(3):201-207",
          "10.1093/sleep/17.3.201",
          "paper variant: NAT counts 50 <= x < 100, logAct of the scored epoch, sleep if PS >= 0, no count cap; Webster rescoring not applied"),
      new Method("tudor_locke_2014", "Sleep period detection",
          "Tudor-Locke C, Barreira TV, Schuna JM Jr, et al. Fully automated waist-worn accelerometer algorithm for detecting children's sleep-period time separate from 24-h physical activity or sedentary behaviors. Appl Physiol Nutr Metab 2014;39(1):53-57",
          "10.1139/apnm-2013-0173",
          "onset: first of 5 consecutive sleep minutes; end: first of 10 consecutive non-sleep minutes; periods >= 160 min; ours, not the paper's: periods of one noon-to-noon night less than 60 min apart are joined, the longest is the main sleep period. With a reported time in bed: onset in bed to last sleep minute in bed"),
      new Method(StepRestPeriods.ALGORITHM, "Rest periods from step counts (step data only)",
          "Not a published method: Cole-Kripke and Sadeh are validated on wrist activity counts, not steps",
          null,
          "rest = observed minute with zero steps; rest runs joined across <= 10 active minutes with <= 200 steps; periods >= 160 min; longest per noon-to-noon night"),
      new Method("witting_1990", "Interdaily stability (IS) and intradaily variability (IV)",
          "Witting W, Kwa IH, Eikelenboom P, Mirmiran M, Swaab DF. Alterations in the circadian rest-activity rhythm in aging and Alzheimer's disease. Biol Psychiatry 1990;27:563-572",
          "10.1016/0006-3223(90)90523-5",
          "hourly sums of raw counts (not binarised) anchored at the first epoch; hours with a missing minute excluded; population variances as in the paper"),
      new Method("van_someren_1997", "L5, M10 and relative amplitude (RA)",
          "Van Someren EJW, Lijzenga C, Mirmiran M, Swaab DF. Long-term fitness training improves the circadian rest-activity rhythm in healthy elderly males. J Biol Rhythms 1997;12(2):146-156",
          "10.1177/074873049701200206",
          "minute-resolution average day of raw counts, windows wrap over midnight; RA = (M10-L5)/(M10+L5)"),
      new Method("cornelissen_2014", "Cosinor (24 h, single component)",
          "Cornelissen G. Cosinor-based rhythmometry. Theor Biol Med Model 2014;11:16",
          "10.1186/1742-4682-11-16",
          "least squares on observed minutes; MESOR, amplitude, acrophase with 95% intervals (normal quantile; delta method for amplitude and acrophase)"),
      new Method("choi_2011", "Non-wear detection (confidence input)",
          "Choi L, Liu Z, Matthews CE, Buchowski MS. Validation of accelerometer wear and nonwear time classification algorithm. Med Sci Sports Exerc 2011;43(2):357-364",
          "10.1249/MSS.0b013e3181ed61a3",
          ">= 90 min of zero counts, up to 2 min of non-zero counts allowed with 30 min of zeros on both sides"));
}
