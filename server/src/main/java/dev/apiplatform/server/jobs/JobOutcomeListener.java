package dev.apiplatform.server.jobs;

/**
 * Told of every delivery the worker runtime finished, on the job's thread right after the
 * outcome line is logged (metrics count them: {@code jobs_outcomes_total}). Must be cheap and must
 * not throw; a throw is logged and ignored, never changes the job's fate.
 */
@FunctionalInterface
public interface JobOutcomeListener {

  /** What became of one delivery. */
  enum Outcome {
    /** The handler returned; the message is deleted. */
    HANDLED,
    /** The handler failed; the message comes back after a backoff. */
    RETRIED,
    /** The last allowed delivery failed (or the body was malformed): the queue's redrive moves it to the DLQ. */
    DEAD_LETTERED,
    /** A stop handed the running job back to the queue unfinished. */
    RELEASED
  }

  JobOutcomeListener NONE = (queue, outcome) -> {};

  void outcome(String queue, Outcome outcome);
}
