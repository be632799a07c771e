package dev.apiplatform.server.insights;

import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.domain.NotFound;
import dev.apiplatform.server.domain.NotPermitted;
import dev.apiplatform.server.http.ListCursor;
import dev.apiplatform.server.llm.LlmProvider;
import dev.apiplatform.server.pat.PatAnalyses;
import dev.apiplatform.server.pat.StoredAnalysis;
import dev.apiplatform.server.security.AuthenticatedUser;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The insight rules: inputs only from the request and the caller's own stored analyses; one
 * insight per owner and input hash (the cache: a hit never calls the model); the LLM when one is
 * configured, the rules otherwise; history for the owner or a CLINICIAN/ADMIN.
 */
public final class InsightsService {

  /** What a client asks for (HTTP body or WebSocket frame), before resolution. */
  public record Request(Map<String, Double> analysisResults, List<String> analysisIds, String insightType,
      boolean includeRecommendations, String language, Optional<String> context) {}

  private static final Pattern ID_SHAPE = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  private static final List<String> READ_ANY = List.of("CLINICIAN", "ADMIN");

  private final InsightStore store;
  private final PatAnalyses analyses;
  private final LlmProvider llm;
  private final LlmInsights llmInsights;
  private final RuleBasedInsights rules = new RuleBasedInsights();
  private final Clock clock;

  public InsightsService(InsightStore store, PatAnalyses analyses, LlmProvider llm, Clock clock) {
    this.store = store;
    this.analyses = analyses;
    this.llm = llm;
    this.llmInsights = new LlmInsights(llm);
    this.clock = clock;
  }

  /** Whether new insights come from a model (a provider is configured) or from the rules. */
  public boolean usesLlm() {
    return !llm.name().equals("unconfigured");
  }

  public String generatorName() {
    return usesLlm() ? llm.name() : RuleBasedInsights.GENERATOR;
  }

  public Insight generate(String caller, Request request) {
    InsightInputs inputs = resolve(caller, request);
    String hash = inputs.hash();
    String id = InsightInputs.insightId(caller, hash);
    Optional<Insight> cached = store.find(id);
    if (cached.isPresent()) return cached.get();
    Insight.Content content;
    String generatedBy;
    String generator;
    if (usesLlm()) {
      LlmInsights.Written written = llmInsights.generate(inputs);
      content = written.content();
      generatedBy = "llm";
      generator = written.generator();
    } else {
      content = rules.generate(inputs);
      generatedBy = "rules";
      generator = RuleBasedInsights.GENERATOR;
    }
    Insight insight = new Insight(id, caller, content.narrative(), content.keyInsights(), content.recommendations(),
        content.confidenceScore(), generatedBy, generator, inputs.insightType(), hash, inputs.analysisIds(),
        Insight.DISCLAIMER, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    return store.saveOnce(insight);
  }

  /** The caller's insight; another user's is the same 404 as none. */
  public Insight get(String caller, String insightId) {
    return store.find(insightId).filter(i -> i.userId().equals(caller))
        .orElseThrow(() -> new NotFound("No insight with id '" + insightId + "'"));
  }

  public InsightStore.Page history(AuthenticatedUser caller, String userId, Optional<String> cursor, int limit) {
    if (!caller.userId().equals(userId) && READ_ANY.stream().noneMatch(caller::hasRole)) {
      throw new NotPermitted("Only the user, a clinician or an admin may read this history");
    }
    Optional<String[]> after = cursor.map(c -> {
      ListCursor decoded = ListCursor.decode(c, ID_SHAPE);
      return new String[] {decoded.listKey(), decoded.id()};
    });
    return store.list(userId, limit, after);
  }

  public static String cursor(String[] next) {
    return new ListCursor(next[0], next[1]).encode();
  }

  /** Throws a StorageException (answered 503) when the insight store is down. */
  public void checkHealth() {
    store.ping();
  }

  private InsightInputs resolve(String caller, Request request) {
    if (request.analysisResults().isEmpty() && request.analysisIds().isEmpty()) {
      throw new InvalidField("body", "send analysis_results with at least one metric, or analysis_ids", "no_inputs");
    }
    Map<String, Double> metrics = new TreeMap<>(request.analysisResults());
    for (String id : request.analysisIds()) {
      StoredAnalysis analysis = analyses.find(caller, id)
          .orElseThrow(() -> new NotFound("No analysis with processing_id '" + id + "'"));
      PatMetrics.of(analysis).forEach(metrics::putIfAbsent);
    }
    return new InsightInputs(new TreeMap<>(metrics), request.analysisIds(), request.insightType(),
        request.includeRecommendations(), request.language(), request.context());
  }
}
