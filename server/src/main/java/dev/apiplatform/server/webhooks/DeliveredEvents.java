package dev.apiplatform.server.webhooks;

/**
 * The Strava events already handed to the agent's queue ({@link StravaEvents} in DynamoDB): the
 * webhook asks before it enqueues and records after, so a retried event is enqueued once.
 */
public interface DeliveredEvents {

  /** Whether {@code eventKey} was enqueued before (a strongly consistent read). */
  boolean delivered(String eventKey);

  /** {@code eventKey} is in the queue now (written only after the send succeeded). */
  void markDelivered(String eventKey);
}
