package dev.apiplatform.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.apiplatform.server.testing.CapturedLogs;
import org.junit.jupiter.api.Test;

class LoggingNotifierTest {

  @Test
  void devNotifier_logsDestinationAndCodeAtInfo() {
    try (CapturedLogs logs = CapturedLogs.of(LoggingNotifier.class, Level.INFO).quiet()) {
      Notifier notifier = new LoggingNotifier();
      notifier.sendSms("+15551234567", "code 123456");
      notifier.sendEmail("dev@example.com", "Verify", "code 654321");
      assertThat(logs.events()).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
      assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
          sms -> assertThat(sms).contains("+15551234567", "code 123456"),
          email -> assertThat(email).contains("dev@example.com", "Verify", "code 654321"));
    }
  }
}
