package dev.apiplatform.server.queue;

/**
 * SQS's approximate counts of one queue and of its dead-letter queue ({@code GetQueueAttributes}),
 * read at one moment. {@link QueueStats} caches them for {@code /health} and the metrics.
 */
public record QueueCounts(String queue, long visible, long inFlight, long delayed, long deadLettered) {

  /** Messages accepted and not yet handled (waiting, running or backing off, delayed). */
  public long depth() {
    return visible + inFlight + delayed;
  }
}
