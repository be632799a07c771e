package dev.apiplatform.server.notify;

import dev.apiplatform.server.jobs.EffectLedger;
import dev.apiplatform.server.jobs.JobHandler;
import dev.apiplatform.server.queue.ReceivedJob;
import java.time.Duration;

/**
 * Sends one queued notification through the real notifier (SNS / SES v2 in prod, the log in dev).
 * The send is claimed in the {@link EffectLedger} under the message's idempotency key first and
 * completed after the provider accepted it, so a redelivered message (a crash after the send, a
 * visibility expiry) does not send again. A failed send releases the claim and throws: the
 * runtime retries with backoff and, after the queue's last receive, the message goes to
 * {@code notifications-dlq}. The exception text is logged: {@link DeliveryException}s carry no
 * address and no text. Left open by design: a crash between the provider's acceptance and the
 * ledger's {@code complete} sends once more after the claim's lease (at-least-once at the
 * provider; SNS/SES have no idempotency key to close that gap).
 */
public final class NotificationWorker implements JobHandler {

  private final Notifier delivery;
  private final PayloadCipher cipher;
  private final EffectLedger effects;
  private final Duration lease;

  /** @param lease how long a claim blocks other deliveries of the same message (the visibility timeout) */
  public NotificationWorker(Notifier delivery, PayloadCipher cipher, EffectLedger effects, Duration lease) {
    this.delivery = delivery;
    this.cipher = cipher;
    this.effects = effects;
    this.lease = lease;
  }

  @Override
  public void handle(ReceivedJob job) throws Exception {
    NotificationQueue.Outgoing outgoing = NotificationQueue.JSON.readValue(cipher.open(job.message().payload()),
        NotificationQueue.Outgoing.class);
    EffectLedger.Claim claim = effects.claim("notify:" + job.message().idempotencyKey(), lease);
    switch (claim.state()) {
      case ALREADY_DONE -> {
        return;
      }
      case BUSY -> throw new IllegalStateException("another delivery of this message is sending it");
      case CLAIMED -> {
        try {
          if (outgoing.channel().equals("sms")) {
            delivery.sendSms(outgoing.to(), outgoing.text());
          } else {
            delivery.sendEmail(outgoing.to(), outgoing.subject(), outgoing.text());
          }
        } catch (RuntimeException e) {
          claim.release();
          throw e;
        }
        claim.complete();
      }
    }
  }
}
