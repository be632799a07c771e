package dev.apiplatform.server.webhooks;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.identity.store.DynamoStravaLinkStore;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.profile.ProfileService;
import dev.apiplatform.server.profile.VoiceStyles;
import dev.apiplatform.server.storage.StoreUnavailableException;
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
  }

  @Override
  public Wiring wire(Services services) {
    var links = new DynamoStravaLinkStore(services.aws().dynamoDb(), services.storage(), services.clock());
    var events = new StravaEvents(services.aws().dynamoDb(), services.storage(), services.clock());
    AgentTasks tasks = task -> {
      throw new StoreUnavailableException("the agent's queue is not wired yet", null);
    };
    var profiles = new ProfileService(services.identity().users(), VoiceStyles.standard(), links::find);
    return Wiring.of(new WebhooksResource(new WebhookService(strava, links, events, tasks),
            new SmsCommands(services.identity().users(), profiles)))
        .provider(new TwilioSignatureFilter(twilioAuthToken, publicBaseUrl));
  }
}
