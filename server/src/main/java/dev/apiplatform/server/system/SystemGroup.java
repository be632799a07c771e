package dev.apiplatform.server.system;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Service info, /health (probes DynamoDB, the media bucket and the job queues), /healthz, /openapi.yaml. */
public final class SystemGroup implements ResourceGroup {

  /**
   * This group's config section.
   *
   * @param healthProbeTimeout {@code HEALTH_PROBE_TIMEOUT_MS}: the bound of each /health probe
   */
  public record Config(Duration healthProbeTimeout) {
    static Config from(Env env) {
      return new Config(Duration.ofMillis(env.integer("HEALTH_PROBE_TIMEOUT_MS", 2000, 50, 60_000)));
    }
  }

  private Config config = Config.from(new Env(Map.of()));

  @Override
  public String tag() {
    return "system";
  }

  /** /health probes the media bucket: it must exist even when no group storing media starts. */
  @Override
  public List<String> buckets() {
    return List.of(StorageDefinitions.MEDIA_BUCKET);
  }

  @Override
  public void configure(Env env) {
    config = Config.from(env);
  }

  @Override
  public Wiring wire(Services services) {
    Duration timeout = config.healthProbeTimeout();
    ExecutorService probes = Executors.newFixedThreadPool(3, runnable -> {
      Thread t = new Thread(runnable, "health-probe");
      t.setDaemon(true);
      return t;
    });
    HealthService health = new HealthService(List.of(
        AwsProbes.dynamoDb(services.aws().dynamoDb(), timeout),
        AwsProbes.s3(services.aws().s3(), services.storage().bucketName(StorageDefinitions.MEDIA_BUCKET), timeout)),
        new QueueHealth(services.jobs().stats(), services.jobs().settings().healthMaxDepth(),
            services.jobs().settings().healthMaxAge()),
        probes, timeout);
    return Wiring.of(new SystemResource(services.contract(), health, services.version()))
        .closing(probes::shutdownNow);
  }
}
