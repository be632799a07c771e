package dev.apiplatform.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one logback logger logs while a test runs: the logger is set to {@code level} and an
 * in-memory appender is attached; {@link #close()} detaches it and gives the logger back its
 * previous level and additivity. The events stay readable after close. Two loggers are two
 * captures (one try-with-resources can open both).
 *
 * <pre>{@code
 * try (CapturedLogs logs = CapturedLogs.of(SomeClass.class, Level.INFO)) {
 *   ...
 *   assertThat(logs.messages()).anySatisfy(...);
 * }
 * }</pre>
 */
public final class CapturedLogs implements AutoCloseable {

  private final Logger logger;
  private final Level previousLevel;
  private final boolean previousAdditive;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private CapturedLogs(Logger logger, Level level) {
    this.logger = logger;
    this.previousLevel = logger.getLevel();
    this.previousAdditive = logger.isAdditive();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(level);
  }

  public static CapturedLogs of(Class<?> logger, Level level) {
    return of(logger.getName(), level);
  }

  public static CapturedLogs of(String logger, Level level) {
    return new CapturedLogs((Logger) LoggerFactory.getLogger(logger), level);
  }

  /** Stops the events at this capture: the ancestors' appenders (the console) no longer see them. */
  public CapturedLogs quiet() {
    logger.setAdditive(false);
    return this;
  }

  /** A copy of the events so far, oldest first (safe while other threads are logging). */
  public List<ILoggingEvent> events() {
    synchronized (appender) { // the lock AppenderBase.doAppend holds while it adds
      return List.copyOf(appender.list);
    }
  }

  /** The formatted messages of {@link #events()}. */
  public List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** Forgets the events so far (a capture shared by several tests). */
  public void clear() {
    synchronized (appender) {
      appender.list.clear();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
    logger.setAdditive(previousAdditive);
    appender.stop();
  }
}
