package dev.apiplatform.conformance;

import dev.apiplatform.embedded.LocalPlatform;
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

  static synchronized LocalPlatform platform() {
    if (platform == null) {
      platform = startPlatform(tempDir("platform-data"));
      Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
    }
    return platform;
  }

  /** A platform of its own, for tests that break or restart their stores. Caller closes it. */
  static LocalPlatform startPlatform(Path dataDir) {
    AppConfig config = AppConfig.from(Map.of("PORT", "0", "DATA_DIR", dataDir.toString(), "SHUTDOWN_GRACE_SECONDS", "2"));
    return LocalPlatform.start(config);
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
