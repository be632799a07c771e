package dev.apiplatform.local;

import dev.apiplatform.server.Lifecycle;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.ConfigException;
import java.util.List;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** `make run`: the platform on its embedded defaults, until SIGTERM/SIGINT (then exit 0). */
public final class LocalMain {

  private LocalMain() {}

  public static void main(String[] args) throws Exception {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    LocalPlatform platform = LocalPlatform.start(config);
    Lifecycle.runUntilSignalled(List.of(platform));
  }
}
