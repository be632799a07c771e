package dev.apiplatform.server.queue;

import static dev.apiplatform.server.queue.QueueStores.await;
import static dev.apiplatform.server.queue.QueueStores.job;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.jobs.WorkerRuntime;
import dev.apiplatform.server.queue.Backoff;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.ReceivedJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker runtime against ElasticMQ and DynamoDB Local, through the SDK clients only. */
class WorkerRuntimeTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Backoff FAST = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2));
  private static final QueueDeclaration HANDLED = QueueDeclaration.of("handled", 5);
  private static final QueueDeclaration POISON = QueueDeclaration.of("poison", 3)
      .withVisibilityTimeout(Duration.ofSeconds(5));
  private static final QueueDeclaration REDELIVERY = QueueDeclaration.of("redelivery", 5)
      .withVisibilityTimeout(Duration.ofSeconds(1));
  private static final QueueDeclaration LONG_JOB = QueueDeclaration.of("long-job", 5)
      .withVisibilityTimeout(Duration.ofSeconds(1));
  private static final QueueDeclaration STOP_FINISH = QueueDeclaration.of("stop-finish", 5);
  private static final QueueDeclaration STOP_RELEASE = QueueDeclaration.of("stop-release", 5);

  @TempDir static Path dir;
  private static QueueStores stores;

  @BeforeAll
  static void start() {
    stores = QueueStores.start(dir, HANDLED, POISON, REDELIVERY, LONG_JOB, STOP_FINISH, STOP_RELEASE);
  }

  @AfterAll
  static void stop() {
    if (stores != null) stores.close();
  }

  /** The handler every test uses: the effect goes through the ledger, keyed by the message. */
  private static boolean applyEffect(ReceivedJob job) {
    String key = job.message().idempotencyKey();
    return stores.ledger.applyOnce("test:" + key, List.of(stores.countEffect(key)));
  }

  @Test
  void enqueuedJobs_areEachHandledOnce() {
    List<String> seen = new CopyOnWriteArrayList<>();
    List<String> keys = new ArrayList<>();
    try (WorkerRuntime runtime = stores.runtime(Duration.ofSeconds(5), FAST)) {
      runtime.register(HANDLED, job -> {
        seen.add(job.message().idempotencyKey());
        applyEffect(job);
      }, 4).start();
      for (int i = 0; i < 20; i++) {
        JobMessage m = job("test.handled");
        keys.add(m.idempotencyKey());
        stores.queue.enqueue("handled", m);
      }
      await("20 effects", WAIT, () -> keys.stream().allMatch(stores.effects()::containsKey));
      await("an empty queue", WAIT, () -> stores.queue.counts("handled").depth() == 0);
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(keys);
    keys.forEach(k -> assertThat(stores.effects()).containsEntry(k, 1));
    assertThat(stores.queue.counts("handled").deadLettered()).isZero();
  }

  @Test
  void throwingHandler_isRetriedWithBackoff_thenDeadLettered() throws Exception {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    List<Long> at = new CopyOnWriteArrayList<>();
    JobMessage m = job("test.poison");
    try (WorkerRuntime runtime = stores.runtime(Duration.ofSeconds(5), FAST)) {
      runtime.register(POISON, job -> {
        attempts.add(job.receiveCount());
        at.add(System.nanoTime());
        throw new IllegalStateException("provider down");
      }, 2).start();
      stores.queue.enqueue("poison", m);
      await("the dead letter", WAIT, () -> stores.queue.counts("poison").deadLettered() == 1);
      await("an empty queue", WAIT, () -> stores.queue.counts("poison").depth() == 0);
    }
    // three deliveries (maxReceives), no fourth: the redrive policy took it
    assertThat(attempts).containsExactly(1, 2, 3);
    // each retry waited for its backoff (≥ half of base·2^(n-1), rounded up to SQS's whole seconds)
    for (int i = 1; i < at.size(); i++) {
      assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(i) - at.get(i - 1))).isGreaterThanOrEqualTo(900);
    }
    var dead = stores.sqs.receiveMessage(r -> r.queueUrl(stores.urls.get("poison").deadLetter())
        .waitTimeSeconds(1)).messages();
    assertThat(dead).hasSize(1);
    assertThat(new ObjectMapper().readTree(dead.get(0).body()).get("idempotency_key").asText())
        .isEqualTo(m.idempotencyKey());
  }

  @Test
  void redeliveredMessage_whileFirstConsumerIsSlow_hasItsEffectOnce() {
    JobMessage m = job("test.redelivery");
    stores.queue.enqueue("redelivery", m);
    // the slow first consumer: takes the message and sits on it past its 1 s visibility timeout
    List<ReceivedJob> first = new ArrayList<>();
    await("the first delivery", WAIT, () -> first.addAll(stores.queue.receive("redelivery", 1, Duration.ofSeconds(1))));
    AtomicInteger runs = new AtomicInteger();
    try (WorkerRuntime runtime = stores.runtime(Duration.ofSeconds(5), FAST)) {
      runtime.register(REDELIVERY, job -> {
        runs.incrementAndGet();
        assertThat(job.receiveCount()).isGreaterThanOrEqualTo(2);
        applyEffect(job);
      }, 1).start();
      await("the redelivered effect", WAIT, () -> stores.effects().containsKey(m.idempotencyKey()));
    }
    // now the slow consumer finishes the same job: the ledger knows it is done
    assertThat(applyEffect(first.get(0))).isFalse();
    assertThat(runs.get()).isEqualTo(1);
    assertThat(stores.effects()).containsEntry(m.idempotencyKey(), 1);
  }

  @Test
  void longJob_keepsItsMessageHidden_byExtendingVisibility() {
    JobMessage m = job("test.long");
    List<Integer> deliveries = Collections.synchronizedList(new ArrayList<>());
    try (WorkerRuntime runtime = stores.runtime(Duration.ofSeconds(10), FAST)) {
      runtime.register(LONG_JOB, job -> {
        deliveries.add(job.receiveCount());
        Thread.sleep(3_500); // 3.5 × the visibility timeout; two free slots keep polling meanwhile
        applyEffect(job);
      }, 3).start();
      stores.queue.enqueue("long-job", m);
      await("the effect", WAIT, () -> stores.effects().containsKey(m.idempotencyKey()));
      await("an empty queue", WAIT, () -> stores.queue.counts("long-job").depth() == 0);
    }
    assertThat(deliveries).containsExactly(1);
  }

  @Test
  void stopDuringAJob_letsItFinish_withinTheGrace() throws Exception {
    JobMessage m = job("test.stop");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    WorkerRuntime runtime = stores.runtime(Duration.ofSeconds(30), FAST);
    runtime.register(STOP_FINISH, job -> {
      started.countDown();
      proceed.await();
      applyEffect(job);
    }, 1).start();
    stores.queue.enqueue("stop-finish", m);
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
    Thread stopper = new Thread(runtime::close);
    stopper.start(); // SIGTERM: stop polling, wait for the running job
    proceed.countDown();
    stopper.join();
    assertThat(stores.effects()).containsEntry(m.idempotencyKey(), 1);
    assertThat(stores.queue.counts("stop-finish").depth()).isZero();
  }

  @Test
  void stopDuringAJob_releasesIt_whenTheGraceRunsOut_andTheNextWorkerDoesIt() throws Exception {
    JobMessage m = job("test.stop");
    CountDownLatch started = new CountDownLatch(1);
    WorkerRuntime stuck = stores.runtime(Duration.ofMillis(200), FAST);
    stuck.register(STOP_RELEASE, job -> {
      started.countDown();
      Thread.sleep(Long.MAX_VALUE); // a job that cannot finish in time; the stop interrupts it
    }, 1).start();
    stores.queue.enqueue("stop-release", m);
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
    stuck.close();
    assertThat(stores.effects()).doesNotContainKey(m.idempotencyKey());

    List<Integer> deliveries = new CopyOnWriteArrayList<>();
    try (WorkerRuntime next = stores.runtime(Duration.ofSeconds(5), FAST)) {
      next.register(STOP_RELEASE, job -> {
        deliveries.add(job.receiveCount());
        applyEffect(job);
      }, 1).start();
      await("the released job's effect", WAIT, () -> stores.effects().containsKey(m.idempotencyKey()));
      await("an empty queue", WAIT, () -> stores.queue.counts("stop-release").depth() == 0);
    }
    // released at once (visibility 0), not after the 30 s timeout; not a retry with backoff either
    assertThat(deliveries).containsExactly(2);
    assertThat(stores.effects()).containsEntry(m.idempotencyKey(), 1);
  }
}
