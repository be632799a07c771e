package dev.apiplatform.server.queue;

/**
 * SQS's approximate counts of one queue and its dead-letter queue, as {@code /health} reports them.
 * SQS has no API for the age of the oldest message (that is a CloudWatch metric); the worker
 * runtime measures it from the messages it receives ({@code WorkerRuntime.oldestSeenAge}).
 */
public record QueueStats(String queue, long visible, long inFlight, long delayed, long deadLettered) {

  /** Messages accepted and not yet handled (waiting, running or backing off). */
  public long depth() {
    return visible + inFlight + delayed;
  }
}
