package dev.apiplatform.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessLogAppenderTest {

  @Test
  void everyLineFromManyThreads_isWrittenWhole_byStop() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AccessLogAppender appender = new AccessLogAppender();
    appender.setContext(new LoggerContext());
    appender.setQueueSize(16); // small, so request threads hit the full queue and wait
    appender.setTarget(new PrintStream(bytes, false, StandardCharsets.UTF_8));
    appender.start();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      Thread writer = new Thread(() -> {
        for (int i = 0; i < 2_000; i++) {
          appender.doAppend(event("{\"t\":" + thread + ",\"i\":" + i + ",\"pad\":\"" + "p".repeat(i % 97) + "\"}"));
        }
      });
      writer.start();
      threads.add(writer);
    }
    for (Thread t : threads) t.join();
    appender.stop();

    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n", -1);
    assertThat(lines).hasSize(8_001); // 8,000 lines and the empty rest after the last newline
    assertThat(lines[8_000]).isEmpty();
    HashSet<String> distinct = new HashSet<>(List.of(lines).subList(0, 8_000));
    assertThat(distinct).hasSize(8_000);
    assertThat(distinct).allSatisfy(line -> assertThat(line).matches("\\{\"t\":\\d,\"i\":\\d+,\"pad\":\"p*\"}"));
  }

  @Test
  void lines_appearWithoutStop() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AccessLogAppender appender = new AccessLogAppender();
    appender.setContext(new LoggerContext());
    appender.setTarget(new PrintStream(bytes, false, StandardCharsets.UTF_8));
    appender.start();
    try {
      appender.doAppend(event("{\"a\":1}"));
      for (int i = 0; i < 500 && bytes.size() == 0; i++) Thread.sleep(10);
      assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n");
    } finally {
      appender.stop();
    }
  }

  private static LoggingEvent event(String message) {
    LoggingEvent event = new LoggingEvent();
    event.setLevel(Level.INFO);
    event.setLoggerName("access");
    event.setMessage(message);
    return event;
  }
}
