package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.system.SystemGroup;
import dev.apiplatform.server.testing.EmbeddedPlatform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A group's queues and workers as part of the unit: declared, created, consumed in the server's JVM. */
class PlatformWorkersTest {

  @RegisterExtension
  static final EmbeddedPlatform stores = new EmbeddedPlatform();

  /** The system group plus a queue it sends to and a handler of that queue. */
  static final class WorkingGroup implements ResourceGroup {
    final SystemGroup system = new SystemGroup();
    final List<String> handled = new CopyOnWriteArrayList<>();
    final String consumed;
    Services services;

    WorkingGroup(String consumed) {
      this.consumed = consumed;
    }

    @Override public String tag() { return system.tag(); }
    @Override public List<String> buckets() { return system.buckets(); }
    @Override public void configure(Env env) { system.configure(env); }

    @Override
    public List<QueueDeclaration> queues(QueueSettings settings) {
      return List.of(settings.declare("test-work"));
    }

    @Override
    public Wiring wire(Services services) {
      this.services = services;
      return system.wire(services);
    }

    @Override
    public List<JobBinding> workers(Services services) {
      return List.of(new JobBinding(services.jobs().settings().declare(consumed),
          job -> handled.add(job.message().payload()), 1));
    }
  }

  private static AppConfig config(String workers) {
    return stores.config(Map.of("WORKERS", workers, "QUEUE_POLL_WAIT_SECONDS", "1"));
  }

  @Test
  void aGroupsQueue_isCreated_andItsHandler_runsInTheServer_whenWorkersAreOn() throws Exception {
    WorkingGroup group = new WorkingGroup("test-work");
    try (Platform platform = Platform.start(config("on"), List.of(group))) {
      String payload = UUID.randomUUID().toString();
      group.services.jobs().queue().enqueue("test-work",
          new JobMessage("test.work", payload, "req-1", payload, Instant.now()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!group.handled.contains(payload) && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(group.handled).containsOnlyOnce(payload); // a message the WORKERS=off test left may come too
    }
  }

  @Test
  void withWorkersOff_theQueueExists_butNothingConsumesIt() throws Exception {
    WorkingGroup group = new WorkingGroup("test-work");
    try (Platform platform = Platform.start(config("off"), List.of(group))) {
      String payload = UUID.randomUUID().toString();
      group.services.jobs().queue().enqueue("test-work",
          new JobMessage("test.work", payload, "req-2", payload, Instant.now()));
      assertThat(group.services.jobs().queue().counts("test-work").depth()).isPositive();
      assertThat(group.handled).isEmpty();
    }
  }

  @Test
  void aHandlerOfAnUndeclaredQueue_stopsTheStart() {
    assertThatThrownBy(() -> Platform.start(config("on"), List.of(new WorkingGroup("nobody-declares-this"))).close())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("nobody-declares-this");
  }
}
