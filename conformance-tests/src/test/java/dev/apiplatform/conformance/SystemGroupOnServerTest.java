package dev.apiplatform.conformance;

import dev.apiplatform.local.LocalPlatform;
import org.junit.jupiter.api.Order;

/** The system group against the real platform on embedded stores. */
@Order(10)
class SystemGroupOnServerTest extends SystemGroupContract {

  @Override
  ContractClient client() {
    return Targets.client(Targets.SERVER);
  }

  /** A platform of its own whose S3 is stopped: the probe really fails. */
  @Override
  ContractClient.Exchange healthWithOneDependencyDown() {
    try (LocalPlatform broken = Targets.startPlatform(Targets.tempDir("platform-s3-down"))) {
      broken.stores().orElseThrow().stopS3();
      return new ContractClient(Targets.SERVER, broken.baseUri()).get("/health");
    }
  }
}
