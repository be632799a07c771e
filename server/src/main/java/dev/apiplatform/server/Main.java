package dev.apiplatform.server;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.ConfigException;
import java.util.List;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Entry point of the production artifact, which carries only the AWS SDK clients: it talks to
 * real AWS (or the endpoints configured). The embedded stores live in the {@code embedded}
 * module's runtime, which `make run` starts.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment();
      if (config.aws().stores() == AppConfig.Stores.EMBEDDED) {
        throw new ConfigException("STORES=embedded needs the local runtime (java -jar local/target/platform-local.jar "
            + "or `make run`); this artifact only talks to AWS: set STORES=aws");
      }
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Platform platform = Platform.start(config);
    Lifecycle.runUntilSignalled(List.of(platform));
  }
}
