package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.testing.EmbeddedPlatform;
import dev.apiplatform.server.testing.WorkingGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
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
  void aStop_closesTheListener_whileAJobStillRunsInItsGrace() throws Exception {
    WorkingGroup group = new WorkingGroup(WorkingGroup.QUEUE, 1);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    group.during = payload -> {
      running.countDown();
      awaitIgnoringInterrupts(release); // a job that takes its whole grace, and more
    };
    Platform platform = Platform.start(stores.config(Map.of("WORKERS", "on", "QUEUE_POLL_WAIT_SECONDS", "1",
        "JOB_SHUTDOWN_GRACE_SECONDS", "60", "SHUTDOWN_GRACE_SECONDS", "1")), List.of(group));
    int port = platform.port();
    Thread stopper = new Thread(platform::close, "test-stop");
    try {
      group.enqueue(UUID.randomUUID().toString());
      assertThat(running.await(30, TimeUnit.SECONDS)).as("the job started").isTrue();
      stopper.start();
      // the HTTP side stops within its own grace while the job still has 60 s of its own; a stop
      // that waited for the workers first kept accepting requests until the job's grace ran out
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (accepts(port) && System.nanoTime() < deadline) Thread.sleep(50);
      assertThat(accepts(port)).as("the listener still accepts while the job runs").isFalse();
      assertThat(stopper.isAlive()).as("the stop waits for the running job").isTrue();
    } finally {
      release.countDown();
      if (stopper.getState() == Thread.State.NEW) platform.close();
      else stopper.join(TimeUnit.SECONDS.toMillis(60));
    }
    assertThat(stopper.isAlive()).isFalse();
    assertThat(group.handled).hasSize(1);
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
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
