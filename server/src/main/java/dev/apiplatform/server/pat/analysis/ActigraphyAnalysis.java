package dev.apiplatform.server.pat.analysis;

import java.util.List;

/**
 * Seed 003's {@code ActigraphyAnalysis}, field for field: {@code activity_patterns},
 * {@code sleep_metrics}, {@code circadian_rhythm}, {@code feature_embeddings},
 * {@code confidence_scores}. Plain values: the HTTP layer maps them to its generated models.
 * {@code secondarySleepMetrics} are the same variables by the other scoring algorithm, so a
 * client can see how much the choice matters (null for step data, where only one rule applies).
 */
public record ActigraphyAnalysis(
    ActivityPatterns activityPatterns,
    SleepMetrics sleepMetrics,
    SleepMetrics secondarySleepMetrics,
    CircadianRhythm circadianRhythm,
    List<Double> featureEmbeddings,
    ConfidenceScores confidenceScores) {}
