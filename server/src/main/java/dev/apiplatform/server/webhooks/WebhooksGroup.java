package dev.apiplatform.server.webhooks;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.identity.store.DynamoStravaLinkStore;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.profile.ProfileService;
import dev.apiplatform.server.profile.VoiceStyles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.agent.ActivityAgent;
import dev.apiplatform.server.agent.ActivityNamer;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.llm.LlmProvider;
import dev.apiplatform.server.llm.LlmProviders;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.strava.StravaGroup;
import java.util.HashMap;
import java.util.Map;
import dev.apiplatform.server.storage.TableDefinition;
import dev.apiplatform.server.strava.StravaSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * MetaMatic's inbound events (/webhooks/*): Strava's push subscription and Twilio's inbound SMS.
 * Reads the Strava settings the Strava group reads (same names), plus {@code TWILIO_AUTH_TOKEN}
 * and {@code PUBLIC_BASE_URL}.
 */
public final class WebhooksGroup implements ResourceGroup {

  private StravaSettings strava = StravaSettings.none();
  private Optional<String> twilioAuthToken = Optional.empty();
  private Optional<URI> publicBaseUrl = Optional.empty();
  private Optional<LlmProvider> llm = Optional.empty();
  private static final ObjectMapper JSON = JacksonConfig.create();
  /** The variables {@link LlmProviders#fromEnvironment} reads. */
  private static final List<String> LLM_VARIABLES = List.of("LLM_PROVIDER", "LLM_TIMEOUT_SECONDS", "GEMINI_API_KEY",
      "GEMINI_MODEL", "GEMINI_BASE_URL", "LLM_BASE_URL", "LLM_MODEL", "LLM_API_KEY");

  @Override
  public String tag() {
    return "webhooks";
  }

  @Override
  public List<TableDefinition> tables() {
    return List.of(TableDefinition.of(StravaEvents.TABLE, StravaEvents.KEY));
  }

  @Override
  public void configure(Env env) {
    strava = StravaSettings.read(env);
    twilioAuthToken = env.raw("TWILIO_AUTH_TOKEN");
    publicBaseUrl = env.uri("PUBLIC_BASE_URL");
    Map<String, String> llmEnv = new HashMap<>();
    LLM_VARIABLES.forEach(name -> env.raw(name).ifPresent(v -> llmEnv.put(name, v)));
    LlmProvider provider = LlmProviders.fromEnvironment(llmEnv);
    // names come from the templates unless a provider is configured
    llm = provider.name().equals("unconfigured") ? Optional.empty() : Optional.of(provider);
  }

  @Override
  public List<QueueDeclaration> queues(QueueSettings settings) {
    return List.of(settings.declare(ActivityAgent.QUEUE));
  }

  /** The agent: built on {@link Services} only, so it runs in the server or in the worker process. */
  @Override
  public List<JobBinding> workers(Services services) {
    StravaGroup.StravaStack stack = StravaGroup.StravaStack.build(strava, services);
    var agent = new ActivityAgent(services.identity().users(), stack.links(), stack.tokens(), stack.client(),
        new ActivityNamer(llm), VoiceStyles.standard(),
        new StravaEvents(services.aws().dynamoDb(), services.storage(), services.clock()),
        services.jobs().effects(), JSON);
    return List.of(new JobBinding(services.jobs().settings().declare(ActivityAgent.QUEUE), agent::handle, 2));
  }

  private static String payload(ActivityTask task) {
    try {
      return JSON.writeValueAsString(task);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Wiring wire(Services services) {
    var links = new DynamoStravaLinkStore(services.aws().dynamoDb(), services.storage(), services.clock());
    var events = new StravaEvents(services.aws().dynamoDb(), services.storage(), services.clock());
    AgentTasks tasks = task -> services.jobs().queue().enqueue(ActivityAgent.QUEUE, new JobMessage(ActivityAgent.KIND,
        task.renameKey(), "strava-event-" + task.activityId(), payload(task), services.clock().instant()));
    var profiles = new ProfileService(services.identity().users(), VoiceStyles.standard(), links::find);
    return Wiring.of(new WebhooksResource(new WebhookService(strava, links, events, tasks),
            new SmsCommands(services.identity().users(), profiles, services.notifications())))
        .provider(new TwilioSignatureFilter(twilioAuthToken, publicBaseUrl));
  }
}
