package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.testing.EmbeddedPlatform;
import dev.apiplatform.server.testing.WorkingGroup;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A group's queues and workers as part of the unit: declared, created, consumed in the server's JVM. */
class PlatformWorkersTest {

  @RegisterExtension
  static final EmbeddedPlatform stores = new EmbeddedPlatform();

  private static AppConfig config(String workers) {
    return stores.config(Map.of("WORKERS", workers, "QUEUE_POLL_WAIT_SECONDS", "1"));
  }

  @Test
  void aGroupsQueue_isCreated_andItsHandler_runsInTheServer_whenWorkersAreOn() throws Exception {
    WorkingGroup group = new WorkingGroup(WorkingGroup.QUEUE, 1);
    try (Platform platform = Platform.start(config("on"), List.of(group))) {
      String payload = UUID.randomUUID().toString();
      group.enqueue(payload);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!group.handled.contains(payload) && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(group.handled).containsOnlyOnce(payload); // a message the WORKERS=off test left may come too
    }
  }

  @Test
  void withWorkersOff_theQueueExists_butNothingConsumesIt() throws Exception {
    WorkingGroup group = new WorkingGroup(WorkingGroup.QUEUE, 1);
    try (Platform platform = Platform.start(config("off"), List.of(group))) {
      String payload = UUID.randomUUID().toString();
      group.enqueue(payload);
      assertThat(group.services().jobs().queue().counts(WorkingGroup.QUEUE).depth()).isPositive();
      assertThat(group.handled).isEmpty();
    }
  }

  @Test
  void aHandlerOfAnUndeclaredQueue_stopsTheStart() {
    assertThatThrownBy(() -> Platform.start(config("on"), List.of(new WorkingGroup("nobody-declares-this", 1))).close())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("nobody-declares-this");
  }
}
