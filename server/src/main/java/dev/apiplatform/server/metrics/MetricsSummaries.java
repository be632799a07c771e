package dev.apiplatform.server.metrics;

import dev.apiplatform.server.api.model.AwsCallFiguresDto;
import dev.apiplatform.server.api.model.JobTotalsDto;
import dev.apiplatform.server.api.model.JvmFiguresDto;
import dev.apiplatform.server.api.model.MetricsDependencyDto;
import dev.apiplatform.server.api.model.MetricsHealthDto;
import dev.apiplatform.server.api.model.MetricsSystemDto;
import dev.apiplatform.server.api.model.MetricsUserDto;
import dev.apiplatform.server.api.model.ProcessFiguresDto;
import dev.apiplatform.server.api.model.RequestTotalsDto;
import dev.apiplatform.server.jobs.JobOutcomeListener.Outcome;
import dev.apiplatform.server.system.HealthService;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The JSON summaries of {@code /api/v1/metrics/*}: request and job totals from the registry, JVM
 * and process figures read from the platform MXBeans at the call (so they are there even with
 * {@code METRICS_ENABLED=false}), dependencies probed like {@code GET /health}.
 */
final class MetricsSummaries {

  private final PlatformMetrics metrics;
  private final HealthService health;
  private final Clock clock;

  MetricsSummaries(PlatformMetrics metrics, HealthService health, Clock clock) {
    this.metrics = metrics;
    this.health = health;
    this.clock = clock;
  }

  MetricsHealthDto health() {
    HealthService.Report report = health.check();
    MetricsHealthDto dto = new MetricsHealthDto();
    dto.setStatus(report.up() ? MetricsHealthDto.StatusEnum.HEALTHY : MetricsHealthDto.StatusEnum.DEGRADED);
    dto.setUptimeSeconds(uptimeSeconds());
    dto.setDependencies(report.dependencies().stream().map(d -> {
      MetricsDependencyDto dep = new MetricsDependencyDto();
      dep.setName(MetricsDependencyDto.NameEnum.fromValue(d.name()));
      dep.setStatus(d.up() ? MetricsDependencyDto.StatusEnum.UP : MetricsDependencyDto.StatusEnum.DOWN);
      dep.setLatencyMs(d.latencyMillis());
      return dep;
    }).toList());
    dto.setRequests(requests(metrics.requests().totals()));
    dto.setJobs(jobs());
    return dto;
  }

  MetricsSystemDto system() {
    MetricsSystemDto dto = new MetricsSystemDto();
    dto.setMetricsEnabled(metrics.enabled());
    dto.setJvm(jvm());
    ProcessFiguresDto process = new ProcessFiguresDto();
    process.setUptimeSeconds(uptimeSeconds());
    process.setAvailableProcessors(Runtime.getRuntime().availableProcessors());
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getProcessCpuLoad();
      if (load >= 0 && load <= 1) process.setCpuLoad(load);
    }
    rssBytes().ifPresent(process::setRssBytes);
    dto.setProcess(process);
    dto.setRequests(requests(metrics.requests().totals()));
    dto.setJobs(jobs());
    dto.setAws(metrics.aws().totals().stream().map(t -> {
      AwsCallFiguresDto aws = new AwsCallFiguresDto();
      aws.setService(t.service());
      aws.setCalls(t.calls());
      aws.setErrors(t.errors());
      aws.setMeanLatencyMs(t.meanMillis());
      return aws;
    }).toList());
    return dto;
  }

  MetricsUserDto user(String userId) {
    RequestMetrics.UserTotals totals = metrics.requests().user(userId);
    MetricsUserDto dto = new MetricsUserDto();
    dto.setUserId(userId);
    dto.setSince(metrics.startedAt().atOffset(ZoneOffset.UTC));
    dto.setTracked(totals != null || metrics.requests().tracksMore());
    if (totals == null) {
      dto.setRequests(requests(new RequestMetrics.Totals(0, 0, 0, 0)));
      return dto;
    }
    long total = totals.total.sum();
    dto.setRequests(requests(new RequestMetrics.Totals(total, totals.clientErrors.sum(), totals.serverErrors.sum(),
        total == 0 ? 0 : totals.nanos.sum() / (double) total / 1e6)));
    if (totals.lastMillis > 0) dto.setLastRequestAt(Instant.ofEpochMilli(totals.lastMillis).atOffset(ZoneOffset.UTC));
    return dto;
  }

  private double uptimeSeconds() {
    return Math.max(0, (clock.millis() - metrics.startedAt().toEpochMilli()) / 1000.0);
  }

  private static RequestTotalsDto requests(RequestMetrics.Totals t) {
    RequestTotalsDto dto = new RequestTotalsDto();
    dto.setTotal(t.total());
    dto.setClientErrors(t.clientErrors());
    dto.setServerErrors(t.serverErrors());
    dto.setMeanLatencyMs(t.meanMillis());
    return dto;
  }

  private JobTotalsDto jobs() {
    Map<Outcome, Long> totals = metrics.jobTotals();
    JobTotalsDto dto = new JobTotalsDto();
    dto.setHandled(totals.get(Outcome.HANDLED));
    dto.setRetried(totals.get(Outcome.RETRIED));
    dto.setDeadLettered(totals.get(Outcome.DEAD_LETTERED));
    dto.setReleased(totals.get(Outcome.RELEASED));
    return dto;
  }

  private static JvmFiguresDto jvm() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long collections = 0, gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      collections += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    JvmFiguresDto dto = new JvmFiguresDto();
    dto.setHeapUsedBytes(heap.getUsed());
    dto.setHeapCommittedBytes(heap.getCommitted());
    dto.setHeapMaxBytes(Math.max(0, heap.getMax()));
    dto.setNonHeapUsedBytes(nonHeap.getUsed());
    dto.setThreadsLive(threads.getThreadCount());
    dto.setThreadsPeak(threads.getPeakThreadCount());
    dto.setGcCollections(collections);
    dto.setGcTimeMs(gcMillis);
    dto.setClassesLoaded(ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
    return dto;
  }

  private static OptionalLong rssBytes() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) return OptionalLong.empty();
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
