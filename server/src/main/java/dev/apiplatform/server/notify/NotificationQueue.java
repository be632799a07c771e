package dev.apiplatform.server.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.JobQueue;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The {@link Notifier} the sign-in flows use: it only enqueues (durably, on the one job queue)
 * and returns, so a provider outage no longer fails a sign-up; {@link NotificationWorker} sends
 * later through the real notifier. The body (address, text with the code) is sealed with
 * {@link PayloadCipher}: no plaintext code in the queue. Throws only when the queue itself
 * refuses (a {@code QueueException}, i.e. a 503 like any unavailable store).
 */
public final class NotificationQueue implements Notifier {

  /** Logical queue name (stage-prefixed by the bootstrap) of outbound SMS and email. */
  public static final String QUEUE = "notifications";
  public static final String KIND = "notify.send";
  static final ObjectMapper JSON = new ObjectMapper();

  /** What is sealed into a message: one SMS ({@code subject} null) or one email. */
  record Outgoing(String channel, String to, String subject, String text) {}

  private final JobQueue queue;
  private final PayloadCipher cipher;
  private final Clock clock;

  public NotificationQueue(JobQueue queue, PayloadCipher cipher, Clock clock) {
    this.queue = queue;
    this.cipher = cipher;
    this.clock = clock;
  }

  @Override
  public void sendSms(String e164Phone, String text) {
    enqueue(new Outgoing("sms", e164Phone, null, text));
  }

  @Override
  public void sendEmail(String to, String subject, String text) {
    enqueue(new Outgoing("email", to, subject, text));
  }

  private void enqueue(Outgoing outgoing) {
    String body;
    try {
      body = cipher.seal(JSON.writeValueAsString(outgoing));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a notification", e);
    }
    String requestId = Optional.ofNullable(MDC.get("request_id")).orElse("none");
    // a fresh key per message: the flows issue a fresh code per send, so two sends are two effects
    queue.enqueue(QUEUE, new JobMessage(KIND, UUID.randomUUID().toString(), requestId, body, clock.instant()));
  }
}
