package dev.apiplatform.server.system;

import dev.apiplatform.server.queue.QueueException;
import dev.apiplatform.server.queue.QueueStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The job queues in /health: SQS as a dependency ({@link #probe()}: reading every queue's counts
 * through the cached {@link QueueStats}) and each queue against the thresholds
 * ({@code QUEUE_HEALTH_MAX_DEPTH}, {@code QUEUE_HEALTH_MAX_AGE_SECONDS}).
 */
final class QueueHealth {

  /** One queue as /health lists it; {@code detail} names the exceeded threshold, when degraded. */
  record Status(String name, boolean degraded, long depth, long deadLettered, Optional<Duration> oldestAge,
      String detail) {}

  private final QueueStats stats;
  private final long maxDepth;
  private final Duration maxAge;

  QueueHealth(QueueStats stats, long maxDepth, Duration maxAge) {
    this.stats = stats;
    this.maxDepth = maxDepth;
    this.maxAge = maxAge;
  }

  DependencyProbe probe() {
    return new DependencyProbe() {
      @Override
      public String name() {
        return "sqs";
      }

      @Override
      public void probe() throws Failure {
        try {
          stats.snapshot();
        } catch (QueueException e) {
          throw new Failure(e.getCause() instanceof SdkException sdk ? AwsProbes.reason(sdk) : "error");
        }
      }
    };
  }

  /** Every declared queue; empty when SQS cannot be read (the probe reports that). */
  List<Status> statuses() {
    List<QueueStats.Snapshot> snapshots;
    try {
      snapshots = stats.snapshot();
    } catch (QueueException e) {
      return List.of();
    }
    return snapshots.stream().map(this::status).toList();
  }

  private Status status(QueueStats.Snapshot s) {
    List<String> exceeded = new ArrayList<>();
    if (s.depth() > maxDepth) exceeded.add("depth " + s.depth() + " > " + maxDepth);
    s.oldestAge().filter(age -> age.compareTo(maxAge) > 0)
        .ifPresent(age -> exceeded.add("oldest " + age.toSeconds() + " s > " + maxAge.toSeconds() + " s"));
    return new Status(s.queue(), !exceeded.isEmpty(), s.depth(), s.deadLettered(), s.oldestAge(),
        exceeded.isEmpty() ? null : String.join(", ", exceeded));
  }
}
