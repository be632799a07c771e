package dev.apiplatform.server.events;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.geo.EventKeys;
import dev.apiplatform.server.geo.Geocoder;
import dev.apiplatform.server.geo.Geocoders;
import dev.apiplatform.server.llm.LlmProvider;
import dev.apiplatform.server.llm.LlmProviders;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.storage.TableDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Motion's events (seed 001): community events with radius + time search over {@link EventKeys}'
 * table, AI events, and the LLM search. The geocoder and LLM provider are chosen once here.
 */
public final class EventsGroup implements ResourceGroup {

  public static final String AI_TABLE = "MotionAiEvents";

  private static final List<String> LLM_VARIABLES = List.of("LLM_PROVIDER", "GEMINI_API_KEY", "GEMINI_MODEL",
      "GEMINI_BASE_URL", "LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL", "LLM_TIMEOUT_SECONDS");

  private Map<String, String> geoSettings = Map.of();
  private LlmProvider llm;

  @Override
  public String tag() {
    return "events";
  }

  @Override
  public List<TableDefinition> tables() {
    return List.of(EventKeys.tableDefinition(), TableDefinition.of(AI_TABLE, "eventId"));
  }

  @Override
  public void configure(Env env) {
    Map<String, String> llmSettings = new HashMap<>();
    for (String name : LLM_VARIABLES) env.raw(name).ifPresent(v -> llmSettings.put(name, v));
    llm = LlmProviders.fromEnvironment(llmSettings); // a wrong value stops the start naming it
    geoSettings = env.raw(Geocoders.PLACE_INDEX_VARIABLE).map(v -> Map.of(Geocoders.PLACE_INDEX_VARIABLE, v))
        .orElse(Map.of());
  }

  @Override
  public Wiring wire(Services services) {
    // the Location client is the platform's (AwsClients: shared HTTP pool, timeouts, closed on stop)
    LazyGeocoder geocoder = new LazyGeocoder(() -> Geocoders.fromEnvironment(geoSettings, services.aws()::location));
    var repository = new DynamoEventsRepository(services.aws().dynamoDb(), services.storage());
    EventsService events = new EventsService(repository, geocoder, services.identity().users(), services.clock());
    AiEventSearch ai = new AiEventSearch(llm == null ? LlmProviders.fromEnvironment(Map.of()) : llm, geocoder);
    return Wiring.of(new EventsResource(events, ai)).closing(geocoder).afterStart(geocoder::startLoading);
  }

}
