package dev.apiplatform.server.queue;

import static dev.apiplatform.server.queue.QueueStores.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.apiplatform.server.jobs.WorkerRuntime;
import dev.apiplatform.server.notify.DeliveryException;
import dev.apiplatform.server.notify.NotificationQueue;
import dev.apiplatform.server.notify.NotificationWorker;
import dev.apiplatform.server.notify.Notifier;
import dev.apiplatform.server.notify.PayloadCipher;
import dev.apiplatform.server.testing.CapturedLogs;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One log line per job outcome, carrying the request id of the request that enqueued the job (it
 * travels as a message attribute), and never the notification's address or code.
 */
class JobOutcomeLogTest {

  private static final QueueDeclaration NOTIFICATIONS = QueueDeclaration.of(NotificationQueue.QUEUE, 5)
      .withVisibilityTimeout(Duration.ofSeconds(5));
  private static final String CODE = "904217";
  private static final String PHONE = "+15550104242";

  @TempDir static Path dir;
  private static QueueStores stores;

  @BeforeAll
  static void start() {
    stores = QueueStores.start(dir, NOTIFICATIONS);
  }

  @AfterAll
  static void stop() {
    if (stores != null) stores.close();
  }

  @Test
  void everyOutcome_isOneLineWithTheEnqueuingRequestsId_andNoAddressOrCode() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    PayloadCipher cipher = new PayloadCipher(key, NotificationQueue.QUEUE);
    AtomicInteger attempts = new AtomicInteger();
    List<String> sent = new CopyOnWriteArrayList<>();
    Notifier flaky = new Notifier() {
      @Override
      public void sendSms(String phone, String text) {
        if (attempts.incrementAndGet() == 1) throw new DeliveryException("sms delivery failed: HTTP 500 InternalError");
        sent.add(text);
      }

      @Override
      public void sendEmail(String to, String subject, String text) {
        throw new AssertionError("no email in this test");
      }
    };
    CapturedLogs lines = CapturedLogs.of("jobs", Level.INFO);
    try (lines; WorkerRuntime runtime = stores.runtime(Duration.ofSeconds(5), new Backoff(Duration.ofMillis(100),
        Duration.ofMillis(200)))) {
      runtime.register(NOTIFICATIONS, new NotificationWorker(flaky, cipher, stores.ledger, Duration.ofSeconds(5)), 1);
      MDC.put("request_id", "req-signup-77");
      try {
        new NotificationQueue(stores.queue, cipher, Clock.systemUTC()).sendSms(PHONE, "Your code is " + CODE);
      } finally {
        MDC.remove("request_id");
      }
      var message = stores.sqs.receiveMessage(r -> r.queueUrl(stores.urls.get(NotificationQueue.QUEUE).queue())
          .messageAttributeNames("All").visibilityTimeout(0)).messages();
      assertThat(message).hasSize(1);
      assertThat(message.get(0).messageAttributes()).containsEntry(SqsJobQueue.REQUEST_ID,
          MessageAttributeValue.builder().dataType("String").stringValue("req-signup-77").build());
      assertThat(message.get(0).body()).doesNotContain("req-signup-77").doesNotContain(CODE).doesNotContain(PHONE);

      runtime.start();
      await("the retried delivery", Duration.ofSeconds(60), () -> sent.size() == 1);
      await("two outcome lines", Duration.ofSeconds(60), () -> lines.events().size() == 2);
    }
    List<String> text = lines.messages();
    assertThat(text.get(0)).startsWith("job retry in ").contains("request_id=req-signup-77")
        .contains("reason=DeliveryException: sms delivery failed: HTTP 500");
    assertThat(text.get(1)).startsWith("job handled ").contains("request_id=req-signup-77")
        // the test's peek counted as a receive: the reason QueueStats never peeks
        .contains("attempt=3");
    assertThat(text).allSatisfy(line -> assertThat(line).doesNotContain(CODE).doesNotContain(PHONE)
        .doesNotContain("0104242"));
  }
}
