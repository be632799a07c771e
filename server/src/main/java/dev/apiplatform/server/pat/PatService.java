package dev.apiplatform.server.pat;

import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.pat.analysis.ActigraphyAnalysis;
import dev.apiplatform.server.pat.analysis.ActigraphyAnalyzer;
import dev.apiplatform.server.pat.analysis.MinuteResampler;
import dev.apiplatform.server.pat.analysis.MinuteSeries;
import dev.apiplatform.server.pat.analysis.ModelInfo;
import dev.apiplatform.server.pat.analysis.TimedSample;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * PAT's rules: the caller analyses only for themself, the analysis library's refusals
 * ({@link IllegalArgumentException}) are validation problems on the field that carried the data,
 * and every analysis is stored under a fresh processing id for its owner.
 */
public final class PatService {

  /** A step or epoch series, as the resource read it off the wire. */
  public record StepSample(Instant start, Instant end, double steps, String source) {}

  private final PatAnalyses analyses;
  private final ActigraphyAnalyzer analyzer = new ActigraphyAnalyzer();
  private final Clock clock;

  public PatService(PatAnalyses analyses, Clock clock) {
    this.analyses = analyses;
    this.clock = clock;
  }

  public StoredAnalysis analyzeSteps(String caller, Optional<String> userId, Optional<String> timezone,
      List<StepSample> samples) {
    requireCaller(caller, userId);
    ZoneId zone = zone(timezone);
    MinuteSeries series = refusedAs("body.step_data", () -> {
      List<TimedSample> timed = samples.stream()
          .map(s -> new TimedSample(s.start(), s.end(), s.steps(), s.source() == null ? "healthkit" : s.source()))
          .toList();
      return MinuteResampler.forSteps(zone).resample(timed);
    });
    ActigraphyAnalysis a = refusedAs("body.step_data", () -> analyzer.analyze(series, ActigraphyAnalyzer.Options.forSteps()));
    return store(caller, StoredAnalysis.InputType.STEP_DATA, a);
  }

  public StoredAnalysis analyzeEpochs(String caller, Optional<String> userId, Optional<String> timezone,
      List<Instant> timestamps, double[] counts, double samplesPerMinute) {
    requireCaller(caller, userId);
    ZoneId zone = zone(timezone);
    List<TimedSample> epochs = refusedAs("body.sampling_rate",
        () -> MinuteResampler.epochs(timestamps, counts, samplesPerMinute));
    MinuteSeries series = refusedAs("body.data_points", () -> MinuteResampler.forEpochs(zone).resample(epochs));
    ActigraphyAnalysis a = refusedAs("body.data_points", () -> analyzer.analyze(series));
    return store(caller, StoredAnalysis.InputType.ACTIGRAPHY, a);
  }

  /** The caller's analysis; another user's is the same 404 as none at all. */
  public StoredAnalysis get(String caller, String processingId) {
    return analyses.find(caller, processingId).orElseThrow(() -> new AnalysisNotFound(processingId));
  }

  public ModelInfo modelInfo() {
    return ModelInfo.describe(Optional.empty());
  }

  /** Throws a StorageException (answered 503) when the result store is down. */
  public void checkHealth() {
    analyses.ping();
  }

  private StoredAnalysis store(String caller, StoredAnalysis.InputType type, ActigraphyAnalysis analysis) {
    StoredAnalysis stored = new StoredAnalysis(caller, UUID.randomUUID().toString(), type, clock.instant(),
        AnalysisJson.write(analysis));
    analyses.save(stored);
    return stored;
  }

  private static void requireCaller(String caller, Optional<String> userId) {
    if (userId.isPresent() && !userId.get().equals(caller)) throw new NotCallersUserId();
  }

  private static ZoneId zone(Optional<String> timezone) {
    try {
      return timezone.map(ZoneId::of).orElse(ZoneId.of("UTC"));
    } catch (DateTimeException e) {
      throw new InvalidField("body.timezone", "must be an IANA time zone such as Europe/Berlin", "timezone");
    }
  }

  private static <T> T refusedAs(String field, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
      // the library's refusals, and times pushed past what java.time holds by an extreme span
      throw new InvalidField(field, e.getMessage() == null ? "cannot be analysed" : e.getMessage(), "unanalysable");
    }
  }
}
