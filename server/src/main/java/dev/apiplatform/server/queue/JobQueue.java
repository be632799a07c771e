package dev.apiplatform.server.queue;

import java.time.Duration;
import java.util.List;

/**
 * The platform's one queue. Producers call {@link #enqueue}; the worker runtime uses the rest.
 * Queues are named by their logical name ({@code notifications}); only declared queues exist.
 * Implemented on the SQS API alone ({@link SqsJobQueue}), so it runs unchanged against SQS and
 * against the embedded ElasticMQ. Every method throws {@link QueueException} on a service failure.
 */
public interface JobQueue {

  /** Accepts the job durably: when this returns, the message survives a crash of either side. */
  void enqueue(String queue, JobMessage message);

  /** Like {@link #enqueue(String, JobMessage)}, invisible for {@code delay} first (at most 15 min). */
  void enqueue(String queue, JobMessage message, Duration delay);

  /**
   * Long-polls for up to {@code max} (1..10) messages, waiting up to {@code wait} (0..20 s) for the
   * first; each received message stays hidden for the queue's visibility timeout.
   */
  List<ReceivedJob> receive(String queue, int max, Duration wait);

  /**
   * Ends the {@link #receive} {@code poller} has under way at once, and makes its later receives
   * return at once: each returns no messages. A stopping worker calls it so the stop does not wait
   * out a long poll. A message SQS handed to the abandoned poll stays hidden for the queue's
   * visibility timeout, then is delivered again: nothing is lost. This default interrupts the
   * thread, for receives that end on an interrupt.
   */
  default void abandonReceives(Thread poller) {
    poller.interrupt();
  }

  /** The job is done: the message goes away for good. */
  void delete(ReceivedJob job);

  /** Hides the message for {@code timeout} from now (0 makes it visible at once). */
  void changeVisibility(ReceivedJob job, Duration timeout);

  /** SQS's approximate counts of {@code queue} and its dead-letter queue (two GetQueueAttributes calls). */
  QueueCounts counts(String queue);

  /** The logical names of the declared queues, in declaration order. */
  List<String> declared();
}
