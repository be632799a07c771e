package dev.apiplatform.conformance;

import dev.apiplatform.local.LocalPlatform;
import dev.apiplatform.mock.ContractMock;
import dev.apiplatform.mock.RunningMock;
import dev.apiplatform.server.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The two things the suite runs against, each started once per JVM: the real platform
 * in-process (random port, embedded DynamoDB Local and S3 under a temp dir) and the contract mock.
 */
final class Targets {

  static final String SERVER = "server";
  static final String MOCK = "mock";

  private static LocalPlatform platform;
  private static RunningMock mock;

  private Targets() {}

  /**
   * The shared server's least time between two codes to one destination: 15 s instead of the
   * default 60: still far longer than the milliseconds between two sends a test expects refused; 60 let
   * the suite's second code to an account wait 53 s ({@link Seasoned}).
   */
  static final int CODE_RESEND_SECONDS = 15;

  static synchronized LocalPlatform platform() {
    if (platform == null) {
      platform = startPlatform(tempDir("platform-data"),
          Map.of("CODE_RESEND_INTERVAL_SECONDS", Integer.toString(CODE_RESEND_SECONDS)));
      Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
    }
    return platform;
  }

  /**
   * A platform of its own, for tests that break or restart their stores. Caller closes it.
   * The per-IP limit over auth POSTs is raised far above the suite's rate (every request comes
   * from 127.0.0.1); the limit itself is proven on a platform that sets its own.
   */
  static LocalPlatform startPlatform(Path dataDir) {
    return startPlatform(dataDir, Map.of());
  }

  /** Like {@link #startPlatform(Path)}, with more environment variables (they win). */
  static LocalPlatform startPlatform(Path dataDir, Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(Map.of("PORT", "0", "DATA_DIR", dataDir.toString(),
        "SHUTDOWN_GRACE_SECONDS", "2", "AUTH_REQUESTS_PER_MINUTE", "100000",
        "RATE_LIMIT_REQUESTS", "1000000")); // every test calls from 127.0.0.1; ApiRateLimitTest lowers it
    all.putAll(env);
    return LocalPlatform.start(AppConfig.from(all));
  }

  static synchronized RunningMock mock() {
    if (mock == null) {
      mock = ContractMock.start(0, Bundle.get().file());
      Runtime.getRuntime().addShutdownHook(new Thread(mock::close));
    }
    return mock;
  }

  static ContractClient client(String target) {
    return switch (target) {
      case SERVER -> new ContractClient(SERVER, platform().baseUri());
      case MOCK -> new ContractClient(MOCK, mock().baseUri());
      default -> throw new IllegalArgumentException(target);
    };
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
