package dev.apiplatform.server.ws;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus on the platform's own Grizzly listener: the engine with our endpoints, put into the
 * listener's filter chain by Tyrus' {@link WebSocketAddOn} (the same add-on Tyrus' standalone
 * Grizzly container uses, minus the second HTTP server it would start). Upgrades to a registered
 * path are Tyrus'; every other request goes on to Jersey.
 */
final class WsContainer extends TyrusServerContainer {

  private final TyrusWebSocketEngine engine;

  WsContainer() {
    super((Set<Class<?>>) null);
    // a frame a little over the message limit still reaches the session, which closes with 1009
    this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(WsSettings.MAX_MESSAGE_BYTES * 2).build();
  }

  @Override
  public void register(Class<?> endpointClass) throws DeploymentException {
    engine.register(endpointClass, "");
  }

  @Override
  public void register(ServerEndpointConfig config) throws DeploymentException {
    engine.register(config, "");
  }

  @Override
  public WebSocketEngine getWebSocketEngine() {
    return engine;
  }

  @Override
  public java.util.Map<String, Object> getProperties() {
    return java.util.Map.of();
  }

  /**
   * The gate, then Tyrus' filter, right after the HTTP codec: before the edge's body aggregator,
   * which would otherwise hold an upgrade request waiting for a body that never comes (408).
   * Tyrus' own {@link WebSocketAddOn} puts it just before the server filter, i.e. after the
   * aggregator.
   */
  AddOn addOn(WsGate gate) {
    return (listener, builder) -> {
      int codec = builder.indexOfType(org.glassfish.grizzly.http.HttpServerFilter.class);
      if (codec < 0) throw new IllegalStateException("no HTTP codec in the filter chain");
      builder.add(codec + 1, gate);
      builder.add(codec + 2, new GrizzlyServerFilter(this, ""));
    };
  }
}
