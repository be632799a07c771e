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

/** Runs every probe in parallel and reports each dependency with its latency. */
public final class HealthService {

  private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);

  public record DependencyStatus(String name, boolean up, double latencyMillis, String detail) {}

  public record Report(boolean up, OffsetDateTime checkedAt, List<DependencyStatus> dependencies) {}

  private final List<DependencyProbe> probes;
  private final ExecutorService executor;
  private final Duration timeout;

  public HealthService(List<DependencyProbe> probes, ExecutorService executor, Duration timeout) {
    this.probes = List.copyOf(probes);
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
    return new Report(up, OffsetDateTime.now(ZoneOffset.UTC), results);
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
