package dev.apiplatform.server.system;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every probe in parallel and reports each dependency with its latency, then the job queues
 * against their thresholds: down when a dependency is, else degraded when a queue is.
 */
public final class HealthService {

  private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);

  public record DependencyStatus(String name, boolean up, double latencyMillis, String detail) {}

  public record Report(boolean up, boolean degraded, OffsetDateTime checkedAt, List<DependencyStatus> dependencies,
      List<QueueHealth.Status> queues) {}

  private final List<DependencyProbe> probes;
  private final ExecutorService executor;
  private final Duration timeout;
  private final QueueHealth queues;

  /** Without job queues (the HTTP-layer tests): no {@code sqs} probe, no queue listed. */
  public HealthService(List<DependencyProbe> probes, ExecutorService executor, Duration timeout) {
    this(probes, null, executor, timeout);
  }

  HealthService(List<DependencyProbe> probes, QueueHealth queues, ExecutorService executor, Duration timeout) {
    this.queues = queues;
    List<DependencyProbe> all = new java.util.ArrayList<>(probes);
    if (queues != null) all.add(queues.probe());
    this.probes = List.copyOf(all);
    this.executor = executor;
    this.timeout = timeout;
  }

  public Report check() {
    List<CompletableFuture<DependencyStatus>> running = probes.stream()
        .map(p -> CompletableFuture.supplyAsync(() -> run(p), executor))
        .toList();
    List<DependencyStatus> results = new java.util.ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      results.add(await(probes.get(i), running.get(i)));
    }
    boolean up = results.stream().allMatch(DependencyStatus::up);
    boolean sqsUp = results.stream().filter(r -> r.name().equals("sqs")).allMatch(DependencyStatus::up);
    // the probe just read the counts, so this is the cached reading, not another round trip
    List<QueueHealth.Status> queueStatuses = queues != null && sqsUp ? queues.statuses() : List.of();
    boolean degraded = queueStatuses.stream().anyMatch(QueueHealth.Status::degraded);
    return new Report(up, degraded, OffsetDateTime.now(ZoneOffset.UTC), results, queueStatuses);
  }

  private DependencyStatus await(DependencyProbe probe, CompletableFuture<DependencyStatus> future) {
    try {
      // the probe bounds itself; this guards against a probe that ignores its timeout
      return future.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new DependencyStatus(probe.name(), false, timeout.toMillis(), "timeout");
    } catch (Exception e) {
      throw new IllegalStateException("health probe failed to run", e);
    }
  }

  private static DependencyStatus run(DependencyProbe probe) {
    long start = System.nanoTime();
    try {
      probe.probe();
      return new DependencyStatus(probe.name(), true, millisSince(start), null);
    } catch (Exception e) {
      String detail = reason(e);
      LOG.warn("Health probe {} failed: {}", probe.name(), detail);
      return new DependencyStatus(probe.name(), false, millisSince(start), detail);
    }
  }

  /** A short, non-sensitive reason: no endpoints, no stack traces. */
  static String reason(Exception e) {
    return e instanceof DependencyProbe.Failure failure ? failure.getMessage() : "error";
  }

  private static double millisSince(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
  }
}
