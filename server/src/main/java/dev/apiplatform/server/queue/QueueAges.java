package dev.apiplatform.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages this process's workers know to be unfinished, by their {@code SentTimestamp}: the
 * source of the "age of the oldest message" that {@link QueueStats} reports.
 *
 * <p>Why not ask SQS: it has no oldest-age attribute (that is CloudWatch's
 * {@code ApproximateAgeOfOldestMessage}, absent from ElasticMQ), and peeking with
 * {@code ReceiveMessage(VisibilityTimeout=0)} is not free: every receive counts towards the
 * redrive policy's {@code maxReceiveCount}, so a /health polled while the workers are down would
 * itself push waiting messages into the dead-letter queue. So the age is what the consumers
 * observe: a message is <em>held</em> from its receive until its handler finished (deleted,
 * released or dead-lettered), and <em>retrying</em> after a failed attempt until its next receive
 * is due (backoff + one visibility timeout), since SQS keeps its original {@code SentTimestamp}.
 * The oldest of these is a lower bound of the queue's oldest message: a visible message no worker
 * received yet is not seen (depth covers that case), and a process that runs no workers for a
 * queue knows no age at all.
 */
public final class QueueAges {

  private record Seen(Instant sentAt, Optional<Instant> until) {}

  private final Clock clock;
  /** queue → message id → what is known of it. */
  private final Map<String, Map<String, Seen>> seen = new ConcurrentHashMap<>();

  public QueueAges(Clock clock) {
    this.clock = clock;
  }

  /** A consumer received {@code job}: it is held until {@link #finished} or {@link #retrying}. */
  public void received(ReceivedJob job) {
    of(job.queue()).put(job.messageId(), new Seen(job.sentAt(), Optional.empty()));
  }

  /** {@code job} failed and returns to the queue for a retry expected within {@code due}. */
  public void retrying(ReceivedJob job, Duration due) {
    of(job.queue()).put(job.messageId(), new Seen(job.sentAt(), Optional.of(clock.instant().plus(due))));
  }

  /** {@code job} is done here: deleted, handed back on a stop, or on its way to the DLQ. */
  public void finished(ReceivedJob job) {
    of(job.queue()).remove(job.messageId());
  }

  /** Age of the oldest message of {@code queue} known to be unfinished; empty when none is known. */
  public Optional<Duration> oldest(String queue) {
    Map<String, Seen> messages = seen.get(queue);
    if (messages == null) return Optional.empty();
    Instant now = clock.instant();
    // a retry another process took over (or finished) is forgotten once its due time passed
    messages.values().removeIf(s -> s.until().map(now::isAfter).orElse(false));
    return messages.values().stream().map(Seen::sentAt).min(Instant::compareTo)
        .map(sent -> sent.isAfter(now) ? Duration.ZERO : Duration.between(sent, now));
  }

  private Map<String, Seen> of(String queue) {
    return seen.computeIfAbsent(queue, q -> new ConcurrentHashMap<>());
  }
}
