package dev.apiplatform.server.insights;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.devroutes.Envelope;
import dev.apiplatform.server.llm.LlmProvider;
import dev.apiplatform.server.llm.LlmProviders;
import dev.apiplatform.server.pat.DynamoPatAnalyses;
import dev.apiplatform.server.pat.PatGroup;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.storage.TableDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Clarity Loop insights (seed 003 section 1.4) on the platform's one LLM port, with the rules as
 * the fallback when no provider is configured. Reads PAT's analyses table (declared here too).
 */
public final class InsightsGroup implements ResourceGroup {

  /** The LLM settings, the same variables every LLM-backed group reads ({@link LlmProviders}). */
  static final List<String> LLM_VARIABLES = List.of("LLM_PROVIDER", "GEMINI_API_KEY", "GEMINI_MODEL",
      "GEMINI_BASE_URL", "LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL", "LLM_TIMEOUT_SECONDS");

  private LlmProvider llm = LlmProviders.fromEnvironment(Map.of());

  @Override
  public String tag() {
    return "insights";
  }

  @Override
  public List<TableDefinition> tables() {
    List<TableDefinition> tables = new ArrayList<>(new PatGroup().tables());
    tables.add(TableDefinition.of(InsightStore.TABLE, "insight_id").withIndex(InsightStore.BY_USER, "user_id",
        "list_key"));
    return tables;
  }

  @Override
  public void configure(Env env) {
    llm = llmFrom(env); // a wrong value stops the start naming it
  }

  /** The configured provider ({@code unconfigured} when none is set: the rules answer). */
  public static LlmProvider llmFrom(Env env) {
    Map<String, String> settings = new HashMap<>();
    for (String name : LLM_VARIABLES) env.raw(name).ifPresent(v -> settings.put(name, v));
    return LlmProviders.fromEnvironment(settings);
  }

  /** The insight service on the shared services: the WebSocket group builds its own the same way. */
  public static InsightsService service(Services services, LlmProvider llm) {
    return new InsightsService(new InsightStore(services.aws().dynamoDb(), services.storage()),
        new DynamoPatAnalyses(services.aws().dynamoDb(), services.storage()), llm, services.clock());
  }

  @Override
  public Wiring wire(Services services) {
    return Wiring.of(new InsightsResource(service(services, llm), services.identity().users(),
        new Envelope(services.clock(), "insights", services.version()), services.clock()));
  }
}
