package dev.apiplatform.server.devroutes;

import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.system.AwsProbes;
import dev.apiplatform.server.system.HealthService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Seed 003 section 1.9, dev stage only. Outside dev the contract served has no debug operations
 * ({@code x-stages: [dev]}, filtered by {@code Contract.load(stage)}) and this group registers no
 * resource, so the paths are 404 like any unknown path.
 */
public final class DebugGroup implements ResourceGroup {

  @Override
  public String tag() {
    return "debug";
  }

  @Override
  public List<String> buckets() {
    return List.of(StorageDefinitions.MEDIA_BUCKET);
  }

  @Override
  public Wiring wire(Services services) {
    if (services.config().stage() != Stage.DEV) return Wiring.of();
    Duration timeout = Duration.ofSeconds(2);
    ExecutorService probes = Executors.newFixedThreadPool(2, runnable -> {
      Thread t = new Thread(runnable, "debug-probe");
      t.setDaemon(true);
      return t;
    });
    HealthService health = new HealthService(List.of(
        AwsProbes.dynamoDb(services.aws().dynamoDb(), timeout),
        AwsProbes.s3(services.aws().s3(), services.storage().bucketName(StorageDefinitions.MEDIA_BUCKET), timeout)),
        probes, timeout);
    DebugSettings settings = new DebugSettings(services.config(), services.identity().tokens());
    return Wiring.of(new DebugResource(settings, health, new Envelope(services.clock(), "debug", services.version())))
        .closing(probes::shutdownNow);
  }
}
