package dev.apiplatform.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingNotifierTest {

  @Test
  void devNotifier_logsDestinationAndCodeAtInfo() {
    Logger logger = (Logger) LoggerFactory.getLogger(LoggingNotifier.class);
    Level previous = logger.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    try {
      Notifier notifier = new LoggingNotifier();
      notifier.sendSms("+15551234567", "code 123456");
      notifier.sendEmail("dev@example.com", "Verify", "code 654321");
    } finally {
      logger.detachAppender(logs);
      logger.setLevel(previous);
      logger.setAdditive(true);
    }
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
        sms -> assertThat(sms).contains("+15551234567", "code 123456"),
        email -> assertThat(email).contains("dev@example.com", "Verify", "code 654321"));
  }
}
