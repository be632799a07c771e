package dev.apiplatform.server.jobs;

import dev.apiplatform.server.queue.ReceivedJob;

/**
 * Does one job. Returning means done (the message is deleted); throwing means retry later, and
 * after the queue's last allowed delivery, the dead-letter queue. A handler may run more than once
 * for one message (redelivery after a crash or a visibility expiry), so it records its effect
 * through {@link EffectLedger} under the message's idempotency key. {@code job.message()} is never
 * null here (malformed bodies are dead-lettered before a handler sees them). Exception messages
 * are logged: they must not carry codes, tokens or addresses.
 */
@FunctionalInterface
public interface JobHandler {
  void handle(ReceivedJob job) throws Exception;
}
