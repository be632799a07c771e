package dev.apiplatform.server.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.pat.StoredAnalysis;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code AnalysisResults} metrics a stored PAT analysis carries (its {@code ActigraphyAnalysis}
 * JSON), under the insight contract's names. Absent or non-numeric members are left out.
 */
final class PatMetrics {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PatMetrics() {}

  static Map<String, Double> of(StoredAnalysis analysis) {
    JsonNode a;
    try {
      a = JSON.readTree(analysis.analysisJson());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored analysis " + analysis.processingId() + " is not JSON", e);
    }
    Map<String, Double> out = new TreeMap<>();
    JsonNode sleep = a.path("sleep_metrics");
    put(out, "total_sleep_minutes", sleep.path("mean_total_sleep_minutes"));
    put(out, "sleep_efficiency", sleep.path("mean_sleep_efficiency"));
    put(out, "sleep_onset_latency_minutes", sleep.path("mean_sleep_onset_latency_minutes"));
    put(out, "waso_minutes", sleep.path("mean_waso_minutes"));
    put(out, "awakenings", sleep.path("mean_awakenings"));
    JsonNode rhythm = a.path("circadian_rhythm").path("non_parametric");
    put(out, "interdaily_stability", rhythm.path("interdaily_stability"));
    put(out, "intradaily_variability", rhythm.path("intradaily_variability"));
    put(out, "relative_amplitude", rhythm.path("relative_amplitude"));
    // counts of a step analysis are steps; an actigraphy analysis' counts are not
    if (analysis.inputType() == StoredAnalysis.InputType.STEP_DATA) {
      put(out, "mean_daily_steps", a.path("activity_patterns").path("mean_daily_counts"));
    }
    put(out, "data_completeness", a.path("confidence_scores").path("data_completeness"));
    return out;
  }

  private static void put(Map<String, Double> out, String name, JsonNode value) {
    if (value.isNumber() && Double.isFinite(value.asDouble())) out.put(name, value.asDouble());
  }
}
