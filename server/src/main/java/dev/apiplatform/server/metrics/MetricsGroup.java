package dev.apiplatform.server.metrics;

import dev.apiplatform.server.config.Env;
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
 * {@code GET /metrics} and seed 003's {@code /api/v1/metrics/*} summaries, on the registry the
 * shared core built ({@code Services.metrics()}): the request filter, the AWS interceptor and the
 * job outcome listener are wired by {@code Platform} and {@code Core}, not here.
 */
public final class MetricsGroup implements ResourceGroup {

  private Duration probeTimeout = Duration.ofMillis(2000);

  @Override
  public String tag() {
    return "metrics";
  }

  /** The health summary probes the media bucket, as {@code /health} does. */
  @Override
  public List<String> buckets() {
    return List.of(StorageDefinitions.MEDIA_BUCKET);
  }

  @Override
  public void configure(Env env) {
    // the same bound as GET /health's probes
    probeTimeout = Duration.ofMillis(env.integer("HEALTH_PROBE_TIMEOUT_MS", 2000, 50, 60_000));
  }

  @Override
  public Wiring wire(Services services) {
    ExecutorService probes = Executors.newFixedThreadPool(2, runnable -> {
      Thread t = new Thread(runnable, "metrics-probe");
      t.setDaemon(true);
      return t;
    });
    HealthService health = new HealthService(List.of(
        AwsProbes.dynamoDb(services.aws().dynamoDb(), probeTimeout),
        AwsProbes.s3(services.aws().s3(), services.storage().bucketName(StorageDefinitions.MEDIA_BUCKET), probeTimeout)),
        probes, probeTimeout);
    if (services.metrics().enabled()) {
      QueueGauges.register(services.metrics().registry(), services.jobs().stats(), services.jobs().queue().declared());
    }
    MetricsSummaries summaries = new MetricsSummaries(services.metrics(), health, services.clock());
    return Wiring.of(new MetricsResource(services.metrics(), summaries, services.identity().users(), services.clock(),
        services.version()))
        .closing(probes::shutdownNow);
  }
}
