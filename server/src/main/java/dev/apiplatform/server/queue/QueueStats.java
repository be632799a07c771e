package dev.apiplatform.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /health} and the metrics report of every declared queue: depth and dead letters
 * from SQS's approximate counts, and the age of the oldest message as this process's workers
 * observe it ({@link QueueAges}; why not from SQS is explained there). One snapshot is cached for
 * {@code ttl}, so a load balancer polling {@code /health} every second costs two
 * {@code GetQueueAttributes} per queue per {@code ttl}, not per request. A failed read is not
 * cached: the next call tries again.
 */
public final class QueueStats {

  private static final Logger LOG = LoggerFactory.getLogger(QueueStats.class);

  /**
   * One queue at {@code measuredAt}.
   *
   * @param oldestAge age of the oldest message this process's workers hold or retry; empty when
   *     they know of none (or this process runs no workers for the queue)
   */
  public record Snapshot(String queue, QueueCounts counts, Optional<Duration> oldestAge, Instant measuredAt) {

    /** Accepted and not yet handled: visible + in flight (running or backing off) + delayed. */
    public long depth() {
      return counts.depth();
    }

    public long deadLettered() {
      return counts.deadLettered();
    }
  }

  public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);

  private final JobQueue queue;
  private final QueueAges ages;
  private final Clock clock;
  private final Duration ttl;
  private List<Snapshot> cached;
  private Instant cachedAt = Instant.MIN;

  public QueueStats(JobQueue queue, QueueAges ages, Clock clock, Duration ttl) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.ages = Objects.requireNonNull(ages, "ages");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative()) throw new IllegalArgumentException("ttl must be ≥ 0");
    this.ttl = ttl;
  }

  /** Where the workers of this process record what they hold (see {@code WorkerRuntime}). */
  public QueueAges ages() {
    return ages;
  }

  /**
   * Takes a {@link #snapshot()} on a daemon thread and returns at once: a start calls it so that
   * the first {@code /health} finds the counts cached instead of reading them in turn (two
   * GetQueueAttributes per queue: ~0.3 s of the first /health on a cold ElasticMQ; issue 15).
   * The same reading a /health would make; one that fails is not cached, and /health reads again.
   */
  public void readInBackground() {
    Thread thread = new Thread(() -> {
      try {
        snapshot();
      } catch (RuntimeException e) {
        LOG.debug("Queue counts not read ahead; /health reads them", e);
      }
    }, "queue-stats-prefetch");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Every declared queue, in declaration order, at most {@code ttl} old. The counts are cached;
   * the ages are read fresh (they cost nothing).
   *
   * @throws QueueException when SQS does not answer
   */
  public List<Snapshot> snapshot() {
    List<Snapshot> counts;
    synchronized (this) {
      Instant now = clock.instant();
      if (cached == null || !now.isBefore(cachedAt.plus(ttl))) {
        List<Snapshot> fresh = new ArrayList<>();
        for (String name : queue.declared()) {
          fresh.add(new Snapshot(name, queue.counts(name), Optional.empty(), now));
        }
        cached = List.copyOf(fresh);
        cachedAt = now;
      }
      counts = cached;
    }
    return counts.stream().map(s -> new Snapshot(s.queue(), s.counts(), ages.oldest(s.queue()), s.measuredAt()))
        .toList();
  }
}
