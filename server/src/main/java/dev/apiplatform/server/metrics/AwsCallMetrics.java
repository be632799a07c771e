package dev.apiplatform.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The latency of every DynamoDB and S3 call, retries included ({@code aws_client_calls_seconds},
 * labels {@code service}, {@code operation}, {@code outcome}): an SDK {@link ExecutionInterceptor}
 * on the clients of {@code storage.AwsClients}. {@code beforeExecution} and
 * {@code afterExecution}/{@code onExecutionFailure} run once per call, around all its attempts.
 */
final class AwsCallMetrics implements ExecutionInterceptor {

  static final String NAME = "aws.client.calls";
  private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("platform.metrics.started");
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10)};

  /** One service's totals for the system summary. */
  record ServiceTotals(String service, long calls, long errors, double meanMillis) {}

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  AwsCallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(STARTED, System.nanoTime());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    record(attributes, "success");
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    record(attributes, "error");
  }

  private void record(ExecutionAttributes attributes, String outcome) {
    Long started = attributes.getAttribute(STARTED);
    if (started == null) return;
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    timer(service == null ? "unknown" : service, operation == null ? "unknown" : operation, outcome)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  private Timer timer(String service, String operation, String outcome) {
    // a store call costs a millisecond or more; the key string is noise beside it
    return timers.computeIfAbsent(service + '\u0000' + operation + '\u0000' + outcome, k -> Timer.builder(NAME)
        .description("AWS SDK calls (all attempts), by service, operation and outcome")
        .tag("service", service).tag("operation", operation).tag("outcome", outcome)
        .serviceLevelObjectives(BUCKETS).register(registry));
  }

  /** Totals per service, sorted by name. */
  List<ServiceTotals> totals() {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Double> nanos = new TreeMap<>();
    for (Timer t : registry.find(NAME).timers()) {
      String service = t.getId().getTag("service");
      long[] c = counts.computeIfAbsent(service, s -> new long[2]);
      c[0] += t.count();
      if ("error".equals(t.getId().getTag("outcome"))) c[1] += t.count();
      nanos.merge(service, t.totalTime(TimeUnit.NANOSECONDS), Double::sum);
    }
    List<ServiceTotals> out = new ArrayList<>();
    counts.forEach((service, c) -> out.add(new ServiceTotals(service, c[0], c[1],
        c[0] == 0 ? 0 : nanos.get(service) / c[0] / 1e6)));
    return out;
  }
}
