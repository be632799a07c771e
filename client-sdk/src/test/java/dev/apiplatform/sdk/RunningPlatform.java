package dev.apiplatform.sdk;

import dev.apiplatform.local.LocalPlatform;
import dev.apiplatform.server.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The real platform for the SDK's flow tests: started once per test JVM, in-process, on a free
 * port with its embedded stores in a temp dir. The ONLY place the SDK tests refer to the local
 * runtime (module `embedded`, test scope): re-point it here when that module moves.
 */
final class RunningPlatform {
  private static LocalPlatform platform;

  private RunningPlatform() {
  }

  static synchronized URI baseUri() {
    if (platform == null) {
      try {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DATA_DIR", Files.createTempDirectory("sdk-platform").toString());
        env.put("SHUTDOWN_GRACE_SECONDS", "1");
        // every test request comes from 127.0.0.1; the limiter itself is not what is tested here
        env.put("AUTH_REQUESTS_PER_MINUTE", "100000");
        env.put("RATE_LIMIT_REQUESTS", "1000000");
        env.put("ACCESS_LOG_LEVEL", "WARN");
        platform = LocalPlatform.start(AppConfig.from(env));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
    }
    return platform.baseUri();
  }
}
