package dev.apiplatform.server.queue;

import static dev.apiplatform.server.queue.QueueStores.await;
import static dev.apiplatform.server.queue.QueueStores.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.server.jobs.WorkerRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop does not wait out a long poll (issue 15: a stop took ~18 s while the workers sat in their
 * 20 s ReceiveMessage calls), hands back what it received but did not start, and never hands back
 * a job whose handler still runs.
 */
class WorkerStopTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration LONG_POLL = Duration.ofSeconds(20);
  private static final Backoff FAST = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2));
  private static final QueueDeclaration IDLE = QueueDeclaration.of("stop-idle", 5);
  private static final QueueDeclaration STUBBORN = QueueDeclaration.of("stop-stubborn", 5);

  @TempDir static Path dir;
  private static QueueStores stores;

  @BeforeAll
  static void start() {
    stores = QueueStores.start(dir, IDLE, STUBBORN);
  }

  @AfterAll
  static void stop() {
    if (stores != null) stores.close();
  }

  @Test
  void stopWithIdleWorkers_abandonsTheirLongPoll() {
    SqsJobQueue queue = stores.queueWithPollWait(LONG_POLL);
    List<ReceivedJob> handled = new CopyOnWriteArrayList<>();
    WorkerRuntime runtime = new WorkerRuntime(queue, new WorkerRuntime.Options(LONG_POLL, Duration.ofSeconds(5), FAST),
        Clock.systemUTC());
    runtime.register(IDLE, handled::add, 2).start();
    await("a long poll under way", WAIT, () -> queue.receivesUnderWay() == 1);

    runtime.close();

    // the receive ended because its connection was closed, not because its 20 s were up
    assertThat(queue.abandonedPolls()).isEqualTo(1);
    assertThat(queue.receivesUnderWay()).isZero();
    assertThat(handled).isEmpty();
  }

  @Test
  void messageReceivedByTheAbandonedPoll_isHandedBack_notStarted() throws Exception {
    CountDownLatch polling = new CountDownLatch(1);
    CountDownLatch abandoned = new CountDownLatch(1);
    ReceivedJob late = new ReceivedJob("fake", "m-1", "rh-1", 1, Instant.now(), job("test.late"));
    List<String> calls = new CopyOnWriteArrayList<>();
    JobQueue fake = new JobQueue() {
      @Override
      public List<ReceivedJob> receive(String queue, int max, Duration wait) {
        if (abandoned.getCount() == 0) return List.of();
        polling.countDown();
        try {
          abandoned.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return List.of(late); // SQS handed it over just before the poll was abandoned
      }

      @Override
      public void abandonReceives(Thread poller) {
        calls.add("abandon");
        abandoned.countDown();
      }

      @Override
      public void changeVisibility(ReceivedJob job, Duration timeout) {
        calls.add("visibility " + job.messageId() + " " + timeout);
      }

      @Override
      public void delete(ReceivedJob job) {
        calls.add("delete " + job.messageId());
      }

      @Override
      public void enqueue(String queue, JobMessage message) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void enqueue(String queue, JobMessage message, Duration delay) {
        throw new UnsupportedOperationException();
      }

      @Override
      public QueueCounts counts(String queue) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<String> declared() {
        return List.of("fake");
      }
    };
    AtomicInteger started = new AtomicInteger();
    WorkerRuntime runtime = new WorkerRuntime(fake, new WorkerRuntime.Options(LONG_POLL, Duration.ofSeconds(5), FAST),
        Clock.systemUTC());
    runtime.register(QueueDeclaration.of("fake", 5), job -> started.incrementAndGet(), 1).start();
    assertThat(polling.await(60, TimeUnit.SECONDS)).isTrue();

    runtime.close();

    assertThat(started).hasValue(0);
    assertThat(calls).containsExactly("abandon", "visibility m-1 PT0S");
  }

  @Test
  void handlerThatIgnoresTheInterrupt_keepsItsMessageHidden_andFinishesItOnce() throws Exception {
    JobMessage m = job("test.stubborn");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    WorkerRuntime runtime = stores.runtime(Duration.ofMillis(200), FAST);
    runtime.register(STUBBORN, job -> {
      started.countDown();
      while (true) {
        try {
          letGo.await();
          break;
        } catch (InterruptedException e) {
          interrupted.countDown(); // a handler that does not stop when asked
        }
      }
      String key = job.message().idempotencyKey();
      stores.ledger.applyOnce("test:" + key, List.of(stores.countEffect(key)));
    }, 1).start();
    stores.queue.enqueue("stop-stubborn", m);
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();

    runtime.close(); // the grace runs out: interrupted, but it keeps running

    assertThat(interrupted.getCount()).isZero();
    // not handed back while it runs: no other worker can take it now (ElasticMQ's counts are exact)
    QueueCounts counts = stores.queue.counts("stop-stubborn");
    assertThat(counts.visible()).isZero();
    assertThat(counts.inFlight()).isEqualTo(1);
    letGo.countDown();
    await("the stubborn job's effect", WAIT, () -> stores.effects().containsKey(m.idempotencyKey()));
    await("an empty queue", WAIT, () -> stores.queue.counts("stop-stubborn").depth() == 0);
    assertThat(stores.effects()).containsEntry(m.idempotencyKey(), 1);
  }
}
