package dev.apiplatform.server.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * What travels on the queue. {@code idempotencyKey} names the job's effect: a redelivered message
 * carries the same key, and handlers record their effect under it (see {@code EffectLedger}), so
 * a second delivery does nothing. {@code requestId} is the {@code X-Request-ID} of the request that
 * caused the job; every outcome log line carries it.
 *
 * @param kind what the job is ({@code notify.sms}); handlers may serve several kinds of one queue
 * @param payload the job's input as JSON text; never logged (it may hold a code or an address)
 */
public record JobMessage(String kind, String idempotencyKey, String requestId, String payload, Instant enqueuedAt) {

  public JobMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    if (idempotencyKey.isBlank()) throw new IllegalArgumentException("idempotencyKey is blank");
  }
}
