package dev.apiplatform.server.strava;

import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.identity.store.DynamoStravaLinkStore;
import dev.apiplatform.server.outbound.OutboundHttp;
import dev.apiplatform.server.outbound.OutboundSettings;
import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.TableDefinition;
import java.util.List;

/**
 * MetaMatic's Strava connection (/strava/*). The athlete and its tokens live on the user's item
 * ({@code Users}, GSI {@code stravaUserId-index}, declared by the shared core in
 * {@code Services.TABLES} and repeated here unchanged so the group started alone finds it);
 * OAuth states have a table of their own.
 */
public final class StravaGroup implements ResourceGroup {

  private StravaSettings settings = StravaSettings.none();

  @Override
  public String tag() {
    return "strava";
  }

  @Override
  public List<TableDefinition> tables() {
    return List.of(usersTable(), TableDefinition.of(OAuthStates.TABLE, OAuthStates.KEY));
  }

  @Override
  public void configure(Env env) {
    settings = StravaSettings.read(env);
  }

  @Override
  public Wiring wire(Services services) {
    StravaStack stack = StravaStack.build(settings, services);
    OAuthStates states = new OAuthStates(services.aws().dynamoDb(), services.storage(), stack.cipher(),
        services.clock());
    return Wiring.of(new StravaResource(new StravaService(settings, states, stack.client(), stack.tokens(),
        stack.links())));
  }

  /** The Users definition of the shared core, unchanged (merged by name). */
  static TableDefinition usersTable() {
    return Services.TABLES.stream().filter(t -> t.name().equals(StorageDefinitions.USERS_TABLE)).findFirst()
        .orElseThrow();
  }

  /** The Strava pieces a group builds on the shared services: one convention, same for every group. */
  public record StravaStack(StravaSettings settings, TokenCipher cipher, DynamoStravaLinkStore links,
      StravaClient client, StravaTokens tokens) {

    public static StravaStack build(StravaSettings settings, Services services) {
      // prod requires TOKEN_ENCRYPTION_KEY once Strava is configured; without Strava no token is
      // ever stored or state issued (every route answers 503), so a throwaway key serves
      TokenCipher cipher = settings.configured() || settings.tokenEncryptionKey().isPresent()
          ? TokenCipher.load(services.config().stage(), services.config().dataDir(), settings.tokenEncryptionKey())
          : TokenCipher.ephemeral();
      DynamoStravaLinkStore links = new DynamoStravaLinkStore(services.aws().dynamoDb(), services.storage(),
          services.clock());
      OutboundHttp http = new OutboundHttp(OutboundSettings.defaults("strava"));
      StravaClient client = new StravaClient(settings, http,
          new StravaRateGate(services.clock(), d -> Thread.sleep(d.toMillis())), JacksonConfig.create());
      return new StravaStack(settings, cipher, links, client, new StravaTokens(links, client, cipher,
          services.clock()));
    }
  }
}
