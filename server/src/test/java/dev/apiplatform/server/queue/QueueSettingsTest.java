package dev.apiplatform.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueSettingsTest {

  @Test
  void defaults_workersFollowTheEntryPoint() {
    QueueSettings server = QueueSettings.fromEnvironment(Map.of(), false);
    QueueSettings local = QueueSettings.fromEnvironment(Map.of(), true);
    assertThat(server.workers()).isFalse();
    assertThat(local.workers()).isTrue();
    assertThat(server.maxReceives()).isEqualTo(5);
    assertThat(server.pollWait()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void values_areRead() {
    QueueSettings s = QueueSettings.fromEnvironment(Map.of("WORKERS", "on", "QUEUE_MAX_RECEIVES", "8",
        "JOB_RETRY_BASE_MS", "500"), false);
    assertThat(s.workers()).isTrue();
    assertThat(s.declare("notifications").maxReceives()).isEqualTo(8);
    assertThat(s.backoff().base()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void badValues_stopTheStart_namingTheVariable() {
    assertThatThrownBy(() -> QueueSettings.fromEnvironment(Map.of("WORKERS", "yes"), false))
        .isInstanceOf(ConfigException.class).hasMessageContaining("WORKERS");
    assertThatThrownBy(() -> QueueSettings.fromEnvironment(Map.of("QUEUE_POLL_WAIT_SECONDS", "21"), false))
        .isInstanceOf(ConfigException.class).hasMessageContaining("QUEUE_POLL_WAIT_SECONDS");
    assertThatThrownBy(() -> QueueSettings.fromEnvironment(Map.of("QUEUE_MAX_RECEIVES", "0"), false))
        .isInstanceOf(ConfigException.class).hasMessageContaining("QUEUE_MAX_RECEIVES");
    assertThatThrownBy(() -> AppConfig.from(Map.of("SQS_ENDPOINT", "not a url")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("SQS_ENDPOINT");
  }

  @Test
  void declarations_rejectNamesSqsWouldRefuse() {
    assertThatThrownBy(() -> QueueDeclaration.of("bad.name", 5)).isInstanceOf(IllegalArgumentException.class);
    assertThat(QueueDeclaration.of("notifications", 5).deadLetterName()).isEqualTo("notifications-dlq");
  }
}
