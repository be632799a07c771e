package dev.apiplatform.server.metrics;

import dev.apiplatform.server.queue.QueueStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Queue depth, dead letters and the age of the oldest message per declared queue, as gauges read
 * at each scrape from {@link QueueStats} (its SQS counts are cached, so a scrape costs no more than
 * {@code /health} does): {@code jobs_queue_depth_messages}, {@code jobs_queue_dead_letters_messages},
 * {@code jobs_queue_oldest_age_seconds} (0 when the workers hold no message of the queue), label
 * {@code queue}. A queue SQS does not answer for reads NaN, which Prometheus shows as a gap.
 */
final class QueueGauges {

  private QueueGauges() {}

  static void register(MeterRegistry registry, QueueStats stats, List<String> queues) {
    for (String queue : queues) {
      gauge(registry, "jobs.queue.depth", "messages", "Accepted and not yet handled (visible, in flight, delayed)",
          queue, stats, s -> s.depth());
      gauge(registry, "jobs.queue.dead.letters", "messages", "Messages in the queue's dead-letter queue",
          queue, stats, s -> s.deadLettered());
      gauge(registry, "jobs.queue.oldest.age", "seconds", "Age of the oldest message the workers hold or retry",
          queue, stats, s -> s.oldestAge().map(d -> d.toMillis() / 1000.0).orElse(0.0));
    }
  }

  private static void gauge(MeterRegistry registry, String name, String unit, String help, String queue,
      QueueStats stats, ToDoubleFunction<QueueStats.Snapshot> value) {
    Gauge.builder(name, stats, s -> read(s, queue, value)).baseUnit(unit).description(help).tag("queue", queue)
        .register(registry);
  }

  private static double read(QueueStats stats, String queue, ToDoubleFunction<QueueStats.Snapshot> value) {
    try {
      for (QueueStats.Snapshot s : stats.snapshot()) {
        if (s.queue().equals(queue)) return value.applyAsDouble(s);
      }
      return Double.NaN;
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
