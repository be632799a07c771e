package dev.apiplatform.server.jobs;

import dev.apiplatform.server.queue.ReceivedJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of each delivery of one queue's consumer: one line on the {@code jobs} logger
 * (never the payload: kind, key, message id, attempt, request id, duration and the reason of a
 * failure) and the {@link JobOutcomeListener} told, whose failure is logged, never the job's.
 */
final class DeliveryOutcomes {

  private static final Logger LOG = LoggerFactory.getLogger(QueueConsumer.class);
  private static final Logger OUTCOMES = LoggerFactory.getLogger("jobs");

  private final String queue;
  private final JobOutcomeListener listener;

  DeliveryOutcomes(String queue, JobOutcomeListener listener) {
    this.queue = queue;
    this.listener = listener;
  }

  /** {@code text} names the outcome in the line ("handled", "retry in 2000 ms"); {@code t0} is the run's start (nanoTime). */
  void record(JobOutcomeListener.Outcome outcome, String text, ReceivedJob job, long t0, Throwable error) {
    var m = job.message();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    String reason = error == null ? "" : " reason=" + error.getClass().getSimpleName()
        + (error.getMessage() == null ? "" : ": " + error.getMessage());
    String line = "job " + text + " queue=" + queue + " kind=" + (m == null ? "?" : m.kind())
        + " key=" + (m == null ? "?" : m.idempotencyKey()) + " message_id=" + job.messageId()
        + " attempt=" + job.receiveCount() + " request_id=" + (m == null ? "?" : m.requestId())
        + " duration_ms=" + ms + reason;
    if (error == null) OUTCOMES.info(line);
    else OUTCOMES.warn(line);
    try {
      listener.outcome(queue, outcome);
    } catch (RuntimeException e) {
      LOG.warn("Job outcome listener failed on {}: {}", queue, e.toString());
    }
  }
}
