package dev.apiplatform.server.insights;

import java.time.Instant;
import java.util.List;

/**
 * One generated insight as stored for its owner.
 *
 * @param generatedBy {@code llm} or {@code rules}
 * @param generator {@code gemini:<model>}, {@code openai-compatible:<model>} or {@code rules:v1}
 */
public record Insight(String insightId, String userId, String narrative, List<String> keyInsights,
    List<String> recommendations, double confidenceScore, String generatedBy, String generator, String insightType,
    String inputHash, List<String> analysisIds, String disclaimer, Instant generatedAt) {

  /** Goes with every insight: the content is wellness information, not a diagnosis. */
  public static final String DISCLAIMER = "This is general wellness information generated from your data, not medical"
      + " advice. It does not diagnose or treat any condition; talk to a qualified clinician about health concerns.";

  public Insight {
    keyInsights = List.copyOf(keyInsights);
    recommendations = List.copyOf(recommendations);
    analysisIds = List.copyOf(analysisIds);
  }

  /** What a generator writes; the service adds identity, provenance and time. */
  public record Content(String narrative, List<String> keyInsights, List<String> recommendations,
      double confidenceScore) {}
}
