package dev.apiplatform.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CapturedLogsTest {

  private static final String PARENT = "capturedlogs.test";
  private static final String NAME = PARENT + ".child";
  private final Logger logger = (Logger) LoggerFactory.getLogger(NAME);
  private final Logger parent = (Logger) LoggerFactory.getLogger(PARENT);
  /** What reaches the parent's appenders: additivity made visible. */
  private final ListAppender<ILoggingEvent> above = new ListAppender<>();

  CapturedLogsTest() {
    above.start();
    parent.addAppender(above);
  }

  @AfterEach
  void reset() {
    parent.detachAppender(above);
    logger.setLevel(null);
    logger.setAdditive(true);
  }

  @Test
  void captures_atItsLevel_andCloseGivesBackTheLevelAndDetaches() {
    logger.setLevel(Level.ERROR);
    try (CapturedLogs logs = CapturedLogs.of(NAME, Level.DEBUG)) {
      assertThat(logger.getLevel()).isEqualTo(Level.DEBUG);
      logger.trace("too fine");
      logger.debug("one {}", 1);
      logger.warn("two");
      assertThat(logs.messages()).containsExactly("one 1", "two");
      assertThat(logs.events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG, Level.WARN);
      assertThat(appenders()).hasSize(1);
      logs.clear();
      assertThat(logs.events()).isEmpty();
    }
    assertThat(logger.getLevel()).isEqualTo(Level.ERROR);
    assertThat(logger.isAdditive()).isTrue();
    assertThat(appenders()).isEmpty();
    assertThat(above.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("one 1", "two");
  }

  @Test
  void quiet_keepsEventsFromTheAncestors_untilClosed() {
    CapturedLogs logs = CapturedLogs.of(NAME, Level.INFO).quiet();
    try (logs) {
      assertThat(logger.isAdditive()).isFalse();
      logger.info("kept here");
    }
    logger.error("after close");
    assertThat(logger.getLevel()).isNull(); // it inherits again, as before
    assertThat(logger.isAdditive()).isTrue();
    assertThat(appenders()).isEmpty();
    assertThat(logs.messages()).containsExactly("kept here"); // still readable, and nothing added after close
    assertThat(above.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("after close");
  }

  @Test
  void close_restoresANonAdditiveLogger_asNonAdditive() {
    logger.setAdditive(false);
    try (CapturedLogs logs = CapturedLogs.of(NAME, Level.INFO)) {
      assertThat(logger.isAdditive()).isFalse();
    }
    assertThat(logger.isAdditive()).isFalse();
  }

  @Test
  void twoLoggers_areTwoCaptures_eachWithItsOwnEvents() {
    try (CapturedLogs child = CapturedLogs.of(NAME, Level.INFO);
        CapturedLogs parentLogs = CapturedLogs.of(PARENT, Level.INFO)) {
      logger.info("from the child");
      parent.info("from the parent");
      assertThat(child.messages()).containsExactly("from the child");
      assertThat(parentLogs.messages()).containsExactly("from the child", "from the parent");
    }
    assertThat(parent.getLevel()).isNull();
    assertThat(appenders()).isEmpty();
  }

  private List<Appender<ILoggingEvent>> appenders() {
    List<Appender<ILoggingEvent>> all = new ArrayList<>();
    logger.iteratorForAppenders().forEachRemaining(all::add);
    return all;
  }
}
