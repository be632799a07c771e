package dev.apiplatform.server.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rule-based fallback on fixed inputs: the same text every time, thresholds as documented. */
class RuleBasedInsightsTest {

  final RuleBasedInsights rules = new RuleBasedInsights();

  static InsightInputs of(String type, boolean advice, Map<String, Double> metrics) {
    return new InsightInputs(new TreeMap<>(metrics), List.of(), type, advice, "en", Optional.empty());
  }

  @Test
  void shortInefficientSleep_withAnIrregularRhythmAndFewSteps_isDescribedWithAdvice() {
    Insight.Content c = rules.generate(of("comprehensive", true, Map.of("total_sleep_minutes", 372.0,
        "sleep_efficiency", 0.78, "interdaily_stability", 0.41, "mean_daily_steps", 4210.0,
        "data_completeness", 0.9)));
    assertThat(c.keyInsights()).containsExactly(
        "You slept about 6.2 hours a night, below the 7 hours recommended for adults.",
        "Sleep efficiency of 78% means a good share of time in bed was spent awake.",
        "Your daily rhythm varies from day to day (interdaily stability 0.4).",
        "You averaged 4,210 steps a day, below the 7,000 linked with health benefits.");
    assertThat(c.recommendations()).hasSize(4);
    assertThat(c.narrative()).isEqualTo(
        "Based on 5 metrics from your recent data, here are 4 observations about your sleep, daily rhythm and activity.");
    // 0.3 + 5 * 0.07 = 0.65, times 0.9 completeness
    assertThat(c.confidenceScore()).isEqualTo(0.59);
  }

  @Test
  void healthySleep_hasNoAdvice_andTheSameInputs_giveTheSameInsight() {
    Map<String, Double> good = Map.of("total_sleep_minutes", 465.0, "sleep_efficiency", 0.91);
    Insight.Content first = rules.generate(of("sleep", true, good));
    assertThat(first.keyInsights()).containsExactly(
        "You slept about 7.8 hours a night, within the recommended 7-9 hours.",
        "Sleep efficiency of 91% is in the healthy range (85% or more).");
    assertThat(first.recommendations()).isEmpty();
    assertThat(rules.generate(of("sleep", true, good))).isEqualTo(first);
  }

  @Test
  void focus_limitsTheFindings_andRecommendationsCanBeTurnedOff() {
    Map<String, Double> m = Map.of("total_sleep_minutes", 300.0, "mean_daily_steps", 3000.0);
    Insight.Content activity = rules.generate(of("activity", false, m));
    assertThat(activity.keyInsights()).singleElement().asString().contains("3,000 steps");
    assertThat(activity.recommendations()).isEmpty();
  }

  @Test
  void noUsableMetrics_saysSo_withLowConfidence() {
    Insight.Content c = rules.generate(of("circadian", true, Map.of("total_sleep_minutes", 400.0)));
    assertThat(c.narrative()).isEqualTo("Based on 1 metric from your recent data, here is one observation about your daily rhythm.");
    assertThat(c.keyInsights()).singleElement().asString().contains("no circadian metrics");
  }

  @Test
  void inputHash_coversEveryInput_andTheInsightIdIsPerOwner() {
    InsightInputs a = of("sleep", true, Map.of("sleep_efficiency", 0.9));
    assertThat(a.hash()).isEqualTo(of("sleep", true, Map.of("sleep_efficiency", 0.9)).hash()).hasSize(64);
    assertThat(a.hash()).isNotEqualTo(of("sleep", false, Map.of("sleep_efficiency", 0.9)).hash())
        .isNotEqualTo(of("sleep", true, Map.of("sleep_efficiency", 0.91)).hash());
    assertThat(InsightInputs.insightId("u1", a.hash())).isNotEqualTo(InsightInputs.insightId("u2", a.hash()));
  }
}
