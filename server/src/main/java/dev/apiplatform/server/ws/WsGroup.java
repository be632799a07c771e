package dev.apiplatform.server.ws;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.devroutes.Envelope;
import dev.apiplatform.server.insights.InsightsGroup;
import dev.apiplatform.server.llm.LlmProvider;
import dev.apiplatform.server.llm.LlmProviders;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.security.TokenService;
import dev.apiplatform.server.storage.TableDefinition;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Seed 003 sections 1.7 and 6: chat rooms and health-analysis feeds over WebSocket on the
 * platform's own listener (a Grizzly add-on in the {@link Wiring}), the chat lookups, and the
 * AsyncAPI document at /asyncapi.yaml. HEALTH_INSIGHT asks the insight service (built the same
 * way as the insights group's); the feeds listen to the job records of this process.
 */
public final class WsGroup implements ResourceGroup {

  public static final String CHAT_PATH = "/api/v1/ws/chat/{room_id}";
  public static final String FEED_PATH = "/api/v1/ws/health-analysis/{user_id}";

  private WsSettings settings = WsSettings.from(new Env(Map.of()));
  private LlmProvider llm = LlmProviders.fromEnvironment(Map.of());

  @Override
  public String tag() {
    return "ws";
  }

  /** HEALTH_INSIGHT writes insights and reads analyses: the insights group's tables. */
  @Override
  public List<TableDefinition> tables() {
    return new InsightsGroup().tables();
  }

  @Override
  public void configure(Env env) {
    settings = WsSettings.from(env);
    llm = InsightsGroup.llmFrom(env);
  }

  @Override
  public Wiring wire(Services services) {
    Clock clock = services.clock();
    TokenService tokens = services.identity().tokens();
    WsHub hub = new WsHub(settings, InsightsGroup.service(services, llm), clock);
    WsContainer container = new WsContainer();
    Handshake chat = new Handshake(CHAT_PATH, tokens, false, ignored -> new ChatEndpoint(hub, tokens, clock, false));
    Handshake feed = new Handshake(FEED_PATH, tokens, true, ignored -> new ChatEndpoint(hub, tokens, clock, true));
    try {
      container.register(ServerEndpointConfig.Builder.create(ChatEndpoint.class, CHAT_PATH).configurator(chat).build());
      container.register(ServerEndpointConfig.Builder.create(ChatEndpoint.class, FEED_PATH).configurator(feed).build());
    } catch (DeploymentException e) {
      hub.close();
      throw new IllegalStateException("WebSocket endpoints could not be deployed", e);
    }
    var records = services.jobs().records();
    records.addListener(hub);
    return Wiring.of(new WsResource(hub.rooms(), asyncApi(), new Envelope(clock, "ws", services.version())))
        .addOn(container.addOn(new WsGate(List.of(chat, feed), services.config().stage() == Stage.PROD)))
        .closing(() -> records.removeListener(hub))
        .closing(hub)
        .closing(container::stop);
  }

  /** The AsyncAPI document the contract module checked and packaged beside openapi.yaml. */
  static String asyncApi() {
    try (InputStream in = WsGroup.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
      if (in == null) throw new IllegalStateException("asyncapi.yaml is not on the classpath: the contract module must be a dependency");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read asyncapi.yaml", e);
    }
  }
}
