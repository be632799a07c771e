package dev.apiplatform.server.metrics;

import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.jobs.JobOutcomeListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The platform's one metrics registry (Micrometer's Prometheus registry) and its hooks: the HTTP
 * response filter ({@link #requestFilter()}), the AWS SDK interceptor for the DynamoDB and S3
 * clients ({@link #awsInterceptors()}), the worker runtime's outcome listener
 * ({@link #jobOutcomes()}), and the JVM binders. Built once per start, before the AWS clients.
 *
 * <p>With {@code METRICS_ENABLED=false} nothing is bound or registered: no request filter, no
 * interceptor, no JVM binders; {@link #enabled()} is false and {@code GET /metrics} is 404.
 */
public final class PlatformMetrics implements AutoCloseable {

  private final MetricsSettings settings;
  private final PrometheusMeterRegistry registry;
  private final RequestMetrics requests;
  private final AwsCallMetrics aws;
  private final Instant startedAt;
  private final JvmGcMetrics gc;
  private final Map<String, Map<JobOutcomeListener.Outcome, Counter>> jobs = new ConcurrentHashMap<>();

  private PlatformMetrics(MetricsSettings settings, Contract contract, Clock clock) {
    this.settings = settings;
    this.startedAt = clock.instant();
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.requests = new RequestMetrics(registry, contract, clock);
    this.aws = new AwsCallMetrics(registry);
    if (settings.enabled()) {
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      this.gc = new JvmGcMetrics();
      gc.bindTo(registry);
    } else {
      this.gc = null;
    }
  }

  public static PlatformMetrics start(MetricsSettings settings, Contract contract, Clock clock) {
    return new PlatformMetrics(settings, contract, clock);
  }

  public boolean enabled() {
    return settings.enabled();
  }

  public MetricsSettings settings() {
    return settings;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** The JAX-RS response filter that times every request; register it only when {@link #enabled()}. */
  public HttpMetricsFilter requestFilter() {
    return new HttpMetricsFilter(requests);
  }

  /** For the DynamoDB and S3 clients: empty when metrics are off. */
  public List<ExecutionInterceptor> awsInterceptors() {
    return settings.enabled() ? List.of(aws) : List.of();
  }

  /** Counts each finished delivery per queue and outcome ({@code jobs_outcomes_total}). */
  public JobOutcomeListener jobOutcomes() {
    return this::countJob;
  }

  private void countJob(String queue, JobOutcomeListener.Outcome outcome) {
    if (!settings.enabled()) return;
    jobs.computeIfAbsent(queue, q -> {
      Map<JobOutcomeListener.Outcome, Counter> byOutcome = new EnumMap<>(JobOutcomeListener.Outcome.class);
      for (JobOutcomeListener.Outcome o : JobOutcomeListener.Outcome.values()) {
        byOutcome.put(o, Counter.builder("jobs.outcomes").description("Finished job deliveries by outcome")
            .tag("queue", q).tag("outcome", o.name().toLowerCase(Locale.ROOT)).register(registry));
      }
      return byOutcome;
    }).get(outcome).increment();
  }

  /** Job totals over every queue, by outcome. */
  public Map<JobOutcomeListener.Outcome, Long> jobTotals() {
    Map<JobOutcomeListener.Outcome, Long> totals = new EnumMap<>(JobOutcomeListener.Outcome.class);
    for (JobOutcomeListener.Outcome o : JobOutcomeListener.Outcome.values()) totals.put(o, 0L);
    for (Map<JobOutcomeListener.Outcome, Counter> byOutcome : jobs.values()) {
      byOutcome.forEach((o, c) -> totals.merge(o, (long) c.count(), Long::sum));
    }
    return totals;
  }

  RequestMetrics requests() {
    return requests;
  }

  AwsCallMetrics aws() {
    return aws;
  }

  /** The Prometheus text exposition (format 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  /** For tests and gauges of other components (queue depth): the registry itself. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    if (gc != null) gc.close();
    registry.close();
  }
}
