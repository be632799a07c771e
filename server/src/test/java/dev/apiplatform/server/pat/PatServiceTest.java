package dev.apiplatform.server.pat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.api.model.ActigraphyAnalysisDto;
import dev.apiplatform.server.api.model.ModelInfoDto;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.storage.StoreTables;
import dev.apiplatform.server.testing.MutableClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PAT's rules on DynamoDB Local: per-owner results, the caller's user id only, library refusals as fields. */
class PatServiceTest {

  static final Instant MONDAY = Instant.parse("2025-06-16T00:00:00Z");

  private static StoreTables tables;
  private static PatService pat;

  @BeforeAll
  static void start() {
    tables = StoreTables.start();
    pat = new PatService(new DynamoPatAnalyses(tables.dynamo, tables.definitions), new MutableClock(MONDAY));
  }

  @AfterAll
  static void stop() {
    if (tables != null) tables.close();
  }

  /** A week of HealthKit-like samples: 10-minute walks every half hour from 07:00 to 23:00 UTC, nothing at night. */
  static List<PatService.StepSample> weekOfSteps() {
    List<PatService.StepSample> out = new ArrayList<>();
    for (int day = 0; day < 7; day++) {
      Instant midnight = MONDAY.plus(day, ChronoUnit.DAYS);
      for (int half = 14; half < 46; half++) {
        Instant start = midnight.plus(half * 30L, ChronoUnit.MINUTES);
        out.add(new PatService.StepSample(start, start.plus(10, ChronoUnit.MINUTES), 300 + 20 * (half % 5), "iPhone"));
        // a trickle between walks keeps the day from reading as rest
        Instant idle = start.plus(10, ChronoUnit.MINUTES);
        out.add(new PatService.StepSample(idle, idle.plus(20, ChronoUnit.MINUTES), 40, "iPhone"));
      }
    }
    return out;
  }

  @Test
  void aWeekOfSteps_isStoredForItsOwner_withPlausibleNightsAndRhythm() {
    StoredAnalysis stored = pat.analyzeSteps("alice", Optional.empty(), Optional.empty(), weekOfSteps());

    StoredAnalysis again = pat.get("alice", stored.processingId());
    assertThat(again).isEqualTo(stored);
    assertThat(again.inputType()).isEqualTo(StoredAnalysis.InputType.STEP_DATA);
    ActigraphyAnalysisDto a = AnalysisJson.read(again.analysisJson());
    assertThat(a.getFeatureEmbeddings()).hasSize(44);
    // rest runs 23:00-07:00: six complete nights inside the week, about 8 hours each
    assertThat(a.getSleepMetrics().getNights()).isGreaterThanOrEqualTo(5);
    assertThat(a.getSleepMetrics().getMeanTotalSleepMinutes()).isBetween(420.0, 500.0);
    assertThat(a.getCircadianRhythm().getNonParametric().getInterdailyStability()).isGreaterThan(0.8);
    assertThat(a.getCircadianRhythm().getCosinor().getAcrophaseMinute()).isBetween(12 * 60.0, 18 * 60.0);
    assertThat(a.getActivityPatterns().getMostActiveHour()).isBetween(7, 22);
    assertThat(a.getSecondarySleepMetrics()).isNull();
  }

  @Test
  void anotherUsersAnalysis_isNotFound() {
    StoredAnalysis stored = pat.analyzeSteps("alice", Optional.of("alice"), Optional.of("Europe/Berlin"), weekOfSteps());
    assertThatThrownBy(() -> pat.get("bob", stored.processingId())).isInstanceOf(AnalysisNotFound.class);
    assertThatThrownBy(() -> pat.get("alice", "5b0f9e2c-1f7a-4b8e-9a3d-2c4e6f8a0b1c"))
        .isInstanceOf(AnalysisNotFound.class);
  }

  @Test
  void aUserIdNotTheCallers_isRefused_andNothingIsStored() {
    assertThatThrownBy(() -> pat.analyzeSteps("alice", Optional.of("bob"), Optional.empty(), weekOfSteps()))
        .isInstanceOf(NotCallersUserId.class);
  }

  @Test
  void minuteEpochs_areScoredByBothAlgorithms() {
    List<Instant> ts = new ArrayList<>();
    double[] counts = new double[3 * 1440];
    for (int i = 0; i < counts.length; i++) {
      ts.add(MONDAY.plus(i, ChronoUnit.MINUTES));
      int minuteOfDay = i % 1440;
      counts[i] = minuteOfDay >= 7 * 60 && minuteOfDay < 23 * 60 ? 200 + (i % 7) * 30 : (i % 97 == 0 ? 20 : 0);
    }
    StoredAnalysis stored = pat.analyzeEpochs("carol", Optional.empty(), Optional.empty(), ts, counts, 1.0);
    ActigraphyAnalysisDto a = AnalysisJson.read(stored.analysisJson());
    assertThat(stored.inputType()).isEqualTo(StoredAnalysis.InputType.ACTIGRAPHY);
    assertThat(a.getSleepMetrics().getScoringAlgorithm()).containsIgnoringCase("cole");
    assertThat(a.getSecondarySleepMetrics().getScoringAlgorithm()).containsIgnoringCase("sadeh");
    assertThat(a.getSleepMetrics().getPerNight()).isNotEmpty();
  }

  @Test
  void inputTheLibraryRefuses_isAnInvalidFieldNamingWhereItCameFrom() {
    Instant t = MONDAY;
    assertThatThrownBy(() -> pat.analyzeSteps("alice", Optional.empty(), Optional.empty(),
        List.of(new PatService.StepSample(t, t.minusSeconds(60), 10, null))))
        .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("body.step_data"));
    // over the 62-day span the library accepts
    assertThatThrownBy(() -> pat.analyzeSteps("alice", Optional.empty(), Optional.empty(), List.of(
        new PatService.StepSample(t, t.plusSeconds(60), 10, null),
        new PatService.StepSample(t.plus(70, ChronoUnit.DAYS), t.plus(70, ChronoUnit.DAYS).plusSeconds(60), 10, null))))
        .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("body.step_data"));
    assertThatThrownBy(() -> pat.analyzeEpochs("alice", Optional.empty(), Optional.empty(), List.of(t),
        new double[] {1}, 0)).isInstanceOfSatisfying(InvalidField.class,
            e -> assertThat(e.field()).isEqualTo("body.sampling_rate"));
    assertThatThrownBy(() -> pat.analyzeSteps("alice", Optional.empty(), Optional.of("Mars/Olympus"), weekOfSteps()))
        .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("body.timezone"));
  }

  @Test
  void modelInfo_namesEveryMethod_andNoLoadedEncoder() {
    ModelInfoDto info = AnalysisJson.modelInfo(pat.modelInfo());
    assertThat(info.getMethods()).extracting(m -> m.getId()).contains("cole_kripke_1992", "sadeh_1994",
        "webster_1982", "witting_1990", "van_someren_1997", "cornelissen_2014");
    assertThat(info.getEncoder().getLoaded()).isFalse();
    assertThat(info.getFeatureNames()).hasSize(44);
  }
}
