package dev.apiplatform.server.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Everything an insight is generated from, resolved (request metrics first, then the named stored
 * analyses). Its {@link #hash} is the cache key: a canonical JSON (sorted keys, analysis ids in
 * request order) hashed with SHA-256.
 *
 * @param metrics by the contract's {@code AnalysisResults} names
 */
public record InsightInputs(SortedMap<String, Double> metrics, List<String> analysisIds, String insightType,
    boolean includeRecommendations, String language, Optional<String> context) {

  /** The metric names of {@code AnalysisResults}, in the contract's order. */
  public static final List<String> METRICS = List.of("total_sleep_minutes", "sleep_efficiency",
      "sleep_onset_latency_minutes", "waso_minutes", "awakenings", "interdaily_stability", "intradaily_variability",
      "relative_amplitude", "mean_daily_steps", "data_completeness");

  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  public InsightInputs {
    metrics = new TreeMap<>(metrics);
    analysisIds = List.copyOf(analysisIds);
  }

  public Optional<Double> metric(String name) {
    return Optional.ofNullable(metrics.get(name));
  }

  public String hash() {
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("v", 1);
    canonical.put("metrics", metrics);
    canonical.put("analysis_ids", analysisIds);
    canonical.put("insight_type", insightType);
    canonical.put("include_recommendations", includeRecommendations);
    canonical.put("language", language);
    canonical.put("context", context.orElse(null));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(canonical));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The insight id of these inputs for this owner: the same for the same pair, never another user's. */
  public static String insightId(String ownerId, String inputHash) {
    return UUID.nameUUIDFromBytes((ownerId + "\n" + inputHash).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
