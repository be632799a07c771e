package dev.apiplatform.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueNamesTest {

  @Test
  void physicalNames_carryTheStageAndTheNamespace_andFitSqsWithTheLongestOfBoth() {
    QueueNames names = QueueNames.of(AppConfig.from(Map.of("STAGE", "prod", "STORES", "aws",
        "JWT_SIGNING_KEYS", "x", "CODE_HASH_KEY", "x", "BUCKET_NAMESPACE", "acme")));
    assertThat(names.physical("notifications")).isEqualTo("prod-acme-notifications");
    String longest = new QueueNames(names.stage(), "n".repeat(40)).physical("q".repeat(30) + "-dlq");
    assertThat(longest).hasSizeLessThanOrEqualTo(80);
    assertThatThrownBy(() -> QueueDeclaration.of("q".repeat(31), 5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void embedded_defaultNamespace_followsTheDataDir() {
    QueueNames a = QueueNames.of(AppConfig.from(Map.of("DATA_DIR", "/tmp/platform-a")));
    QueueNames aAgain = QueueNames.of(AppConfig.from(Map.of("DATA_DIR", "/tmp/platform-a/../platform-a")));
    QueueNames b = QueueNames.of(AppConfig.from(Map.of("DATA_DIR", "/tmp/platform-b")));
    assertThat(a.physical("notifications")).startsWith("dev-local-").endsWith("-notifications");
    assertThat(aAgain).as("a restart on the same directory finds its queues").isEqualTo(a);
    assertThat(b.namespace()).isNotEqualTo(a.namespace());
  }

  @Test
  void queueNamespace_overridesTheDefault_andIsChecked() {
    assertThat(QueueNames.of(AppConfig.from(Map.of("QUEUE_NAMESPACE", "blue"))).physical("x")).isEqualTo("dev-blue-x");
    assertThatThrownBy(() -> QueueNames.of(AppConfig.from(Map.of("QUEUE_NAMESPACE", "Blue_1"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("QUEUE_NAMESPACE");
  }
}
