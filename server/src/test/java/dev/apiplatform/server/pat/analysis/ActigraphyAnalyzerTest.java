package dev.apiplatform.server.pat.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ActigraphyAnalyzerTest {

  final ActigraphyAnalyzer analyzer = new ActigraphyAnalyzer();

  /**
   * The fixtures' true sleep windows (those wholly inside the recording): every one is found with
   * onset and final awakening within 60 min, and at least 90% of them within 30 min.
   */
  @ParameterizedTest
  @ValueSource(strings = {"week_regular", "week_gaps", "week_offset_start", "four_weeks_weekend_shift"})
  void detectedNights_matchTheKnownSleepWindows(String name) {
    ActigraphyFixture f = ActigraphyFixture.load(name);
    SleepMetrics sleep = analyzer.analyze(f.series()).sleepMetrics();
    JsonNode windows = f.truth().get("sleep_windows");
    assertThat(windows.size()).isGreaterThanOrEqualTo(5);
    int within30 = 0;
    for (JsonNode w : windows) {
      LocalDateTime onset = LocalDateTime.parse(w.get("onset").asText());
      LocalDateTime wake = LocalDateTime.parse(w.get("wake").asText());
      assertThat(sleep.perNight())
          .as("%s: a night starting within 60 min of %s and ending within 60 min of %s", name, onset, wake)
          .anyMatch(n -> close(onset, n.sleepOnset(), 60) && close(wake, n.finalAwakening(), 60));
      if (sleep.perNight().stream().anyMatch(n -> close(onset, n.sleepOnset(), 30) && close(wake, n.finalAwakening(), 30))) {
        within30++;
      }
    }
    assertThat(within30).as("%s: windows matched within 30 min", name).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * windows.size()));
  }

  private static boolean close(LocalDateTime a, LocalDateTime b, int minutes) {
    return Duration.between(a, b).abs().compareTo(Duration.ofMinutes(minutes)) <= 0;
  }

  @Test
  void aRegularWeek_hasFullConfidence_andACompleteFeatureVector() {
    ActigraphyAnalysis a = analyzer.analyze(ActigraphyFixture.load("week_regular").series());
    assertThat(a.featureEmbeddings()).hasSize(FeatureVector.LENGTH).hasSameSizeAs(FeatureVector.NAMES).doesNotContainNull();
    assertThat(a.confidenceScores().dataCompleteness()).isEqualTo(1.0);
    assertThat(a.confidenceScores().validDays()).isEqualTo(7);
    assertThat(a.confidenceScores().overall()).isEqualTo(1.0);
    assertThat(a.circadianRhythm().nonParametric().interdailyStability()).isBetween(0.8, 1.0);
    assertThat(a.circadianRhythm().cosinor().acrophaseInterval()).isNotNull();
    assertThat(a.activityPatterns().leastActiveHour()).isBetween(0, 6);
    assertThat(a.sleepMetrics().scoringAlgorithm()).startsWith("cole_kripke");
    assertThat(a.secondarySleepMetrics().scoringAlgorithm()).isEqualTo("sadeh_1994");
  }

  @Test
  void gapsLowerCompleteness_andAreNeverCountedAsSleep() {
    ActigraphyFixture f = ActigraphyFixture.load("week_gaps");
    ActigraphyAnalysis a = analyzer.analyze(f.series());
    assertThat(a.confidenceScores().dataCompleteness())
        .isCloseTo((double) f.series().observedCount() / f.series().size(), within(1e-12)).isLessThan(1.0);
    assertThat(a.activityPatterns().observedMinutes()).isEqualTo(10080 - 185 - 40 - 1);
    // the 40-minute gap at 02:00 on the fifth night lies inside that night's sleep period
    SleepMetrics.Night fifth = a.sleepMetrics().perNight().stream()
        .filter(n -> n.sleepOnset().toLocalDate().equals(f.series().start().toLocalDate().plusDays(3)))
        .findFirst().orElseThrow();
    assertThat(fifth.unscoredMinutes()).isGreaterThanOrEqualTo(40);
    assertThat(a.confidenceScores().sleep()).isLessThan(1.0);
  }

  @Test
  void aShortRecording_yieldsNullsWhereAVariableIsUndefined_notInventedValues() {
    double[] c = new double[90];
    MinuteSeries s = MinuteSeries.of(LocalDateTime.of(2026, 1, 5, 10, 0), c);
    ActigraphyAnalysis a = analyzer.analyze(s);
    assertThat(a.circadianRhythm().cosinor()).isNull();
    assertThat(a.circadianRhythm().nonParametric()).isNull();
    assertThat(a.sleepMetrics().nights()).isZero();
    assertThat(a.sleepMetrics().meanTotalSleepMinutes()).isNull();
    assertThat(a.featureEmbeddings()).hasSize(FeatureVector.LENGTH).containsNull();
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, 0.0, 37.0})
  void degenerateRecordings_serialiseWithoutNanOrInfinity(double value) throws Exception {
    double[] c = new double[3 * 1440];
    java.util.Arrays.fill(c, value); // all missing, all zero, constant
    com.fasterxml.jackson.databind.ObjectMapper json = com.fasterxml.jackson.databind.json.JsonMapper.builder()
        .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule()).build();
    for (ActigraphyAnalyzer.Options o : List.of(ActigraphyAnalyzer.Options.defaults(), ActigraphyAnalyzer.Options.forSteps())) {
      ActigraphyAnalysis a = analyzer.analyze(MinuteSeries.of(LocalDateTime.of(2026, 1, 5, 0, 0), c), o);
      String text = json.writeValueAsString(a);
      assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
      assertThat(a.featureEmbeddings()).hasSize(FeatureVector.LENGTH);
      assertThat(a.circadianRhythm().cosinor()).isNull();
    }
  }

  /** Seed 003's analyze-step-data flow: a week of HealthKit-like step samples, phone and watch. */
  @Test
  void aWeekOfStepSamples_givesPlausibleNightsAndADaytimeAcrophase() {
    ZoneId zone = ZoneId.of("America/New_York");
    Random rng = new Random(12);
    List<TimedSample> samples = new ArrayList<>();
    Instant day0 = LocalDateTime.of(2026, 2, 2, 0, 0).atZone(zone).toInstant();
    for (int d = 0; d < 7; d++) {
      Instant wake = day0.plus(Duration.ofDays(d)).plus(Duration.ofMinutes(7 * 60 + rng.nextInt(40)));
      Instant bed = day0.plus(Duration.ofDays(d)).plus(Duration.ofMinutes(22 * 60 + 30 + rng.nextInt(40)));
      // walking bouts of 2-10 minutes every 5-40 minutes while awake, recorded by both devices
      for (Instant t = wake; t.isBefore(bed); t = t.plus(Duration.ofMinutes(5 + rng.nextInt(36)))) {
        int minutes = 2 + rng.nextInt(9);
        double steps = minutes * (60 + rng.nextInt(60));
        samples.add(new TimedSample(t, t.plus(Duration.ofMinutes(minutes)), steps, "iPhone"));
        samples.add(new TimedSample(t, t.plus(Duration.ofMinutes(minutes)), steps * 0.95, "Apple Watch"));
      }
    }
    MinuteSeries series = MinuteResampler.forSteps(zone).resample(samples);
    ActigraphyAnalysis a = analyzer.analyze(series, ActigraphyAnalyzer.Options.forSteps());
    assertThat(series.observedCount()).isEqualTo(series.size()); // nights are observed zeros, not gaps
    assertThat(a.sleepMetrics().scoringAlgorithm()).isEqualTo(StepRestPeriods.ALGORITHM);
    assertThat(a.secondarySleepMetrics()).isNull();
    assertThat(a.sleepMetrics().nights()).isEqualTo(6);
    for (SleepMetrics.Night n : a.sleepMetrics().perNight()) {
      assertThat(n.sleepOnset().getHour()).isBetween(22, 23);
      assertThat(n.finalAwakening().getHour()).isBetween(7, 8);
    }
    double peak = a.circadianRhythm().cosinor().acrophaseMinute();
    assertThat(peak).isBetween(11 * 60.0, 17 * 60.0);
    assertThat(a.circadianRhythm().nonParametric().relativeAmplitude()).isGreaterThan(0.9);
  }

  @Test
  void modelInfo_namesEveryMethodWithItsReference_andSaysNoLearnedModelIsLoaded() {
    ModelInfo info = ModelInfo.describe(Optional.empty());
    assertThat(info.methods()).extracting(ModelInfo.Method::id).contains(
        "cole_kripke_1992", "webster_1982", "sadeh_1994", "witting_1990", "van_someren_1997", "cornelissen_2014");
    assertThat(info.methods()).allSatisfy(m -> {
      assertThat(m.reference()).isNotBlank();
      assertThat(m.variant()).isNotBlank();
    });
    assertThat(info.methods()).filteredOn(m -> !m.id().equals(StepRestPeriods.ALGORITHM))
        .allSatisfy(m -> assertThat(m.doi()).startsWith("10."));
    assertThat(info.methods()).filteredOn(m -> m.id().equals(StepRestPeriods.ALGORITHM))
        .singleElement().satisfies(m -> assertThat(m.reference()).startsWith("Not a published method"));
    assertThat(info.encoder().loaded()).isFalse();
    assertThat(info.encoder().note()).contains("not available");
    assertThat(info.featureNames()).hasSize(FeatureVector.LENGTH);
  }
}
