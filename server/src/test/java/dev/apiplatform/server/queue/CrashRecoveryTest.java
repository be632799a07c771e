package dev.apiplatform.server.queue;

import static dev.apiplatform.server.queue.QueueStores.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.server.jobs.WorkerRuntime;
import dev.apiplatform.server.testing.ChildJvm;
import dev.apiplatform.server.queue.Backoff;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.ReceivedJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 with accepted work outstanding: a child JVM accepts 100 jobs and starts working on them;
 * it is killed ({@code destroyForcibly}, SIGKILL) while most are still queued and some are
 * running. A restart on the same data directory delivers every job, and each effect happens once.
 */
class CrashRecoveryTest {

  static final QueueDeclaration CRASH = QueueDeclaration.of("crash", 5).withVisibilityTimeout(Duration.ofSeconds(2));
  static final int JOBS = 100;
  private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2));

  @TempDir Path dir;

  @Test
  void killedWorker_restartOnSameDataDir_deliversEveryJobExactlyOnce() throws Exception {
    AtomicBoolean accepted = new AtomicBoolean();
    AtomicInteger effects = new AtomicInteger();
    List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    ChildJvm child = ChildJvm.start(CrashChild.class, List.of(dir.toString()), line -> {
      if (line.equals("CRASH-CHILD ACCEPTED")) accepted.set(true);
      if (line.startsWith("CRASH-CHILD EFFECT ")) {
        reported.add(line.substring("CRASH-CHILD EFFECT ".length()));
        effects.incrementAndGet();
      }
    });
    try {
      await("the child to accept " + JOBS + " jobs", Duration.ofSeconds(120), () -> accepted.get() || !child.isAlive());
      assertThat(accepted).as("child accepted the jobs").isTrue();
      await("the child's first effects", Duration.ofSeconds(60), () -> effects.get() >= 3 || !child.isAlive());
      // Kill while the running jobs are inside their 200 ms of work, not right after an effect:
      // DynamoDB Local (3.1.0) acknowledges a write a few ms before it is on disk, and a SIGKILL
      // in that window loses the acknowledged write (seen in 3 of 3 tight-loop runs). That is a
      // gap of the embedded DynamoDB, not of the queue; with the message deleted after it, such a
      // job would be lost. Real DynamoDB is durable on acknowledgement.
      Thread.sleep(100);
    } finally {
      child.kill(); // SIGKILL: no shutdown hook, no graceful stop
    }

    try (QueueStores stores = QueueStores.start(dir, CRASH)) {
      int beforeRestart = stores.effects().size();
      // diagnostics: what the child said it applied, what the store holds after the kill
      System.out.println("CRASH-PARENT stored at restart: " + new java.util.TreeSet<>(stores.effects().keySet())
          + ", child reported applied: " + reported + ", queue " + stores.queue.counts("crash"));
      assertThat(beforeRestart).as("killed before draining").isLessThan(JOBS);
      try (WorkerRuntime runtime = stores.runtime(Duration.ofSeconds(5), BACKOFF)) {
        runtime.register(CRASH, job -> handle(stores, job), 4).start();
        try {
          await("every job's effect", Duration.ofSeconds(120), () -> stores.effects().size() == JOBS);
        } catch (AssertionError e) {
          var missing = IntStream.range(0, JOBS).mapToObj(CrashRecoveryTest::key)
              .filter(k -> !stores.effects().containsKey(k)).toList();
          throw new AssertionError(e.getMessage() + "; missing " + missing + ", queue " + stores.queue.counts("crash"));
        }
        await("an empty queue", Duration.ofSeconds(60), () -> stores.queue.counts("crash").depth() == 0);
      }
      Map<String, Integer> counts = stores.effects();
      assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(
          IntStream.range(0, JOBS).mapToObj(CrashRecoveryTest::key).toList());
      assertThat(counts.values()).allMatch(c -> c == 1);
      assertThat(stores.queue.counts("crash").deadLettered()).isZero();
    }
  }

  static String key(int i) {
    return "crash-" + i;
  }

  /** The job's effect, through the ledger: the same code before and after the crash. */
  static void handle(QueueStores stores, ReceivedJob job) {
    String key = job.message().idempotencyKey();
    stores.ledger.applyOnce("crash:" + key, List.of(stores.countEffect(key)));
  }

  /** The JVM that gets killed: accepts every job, then works slowly until SIGKILL. */
  public static final class CrashChild {
    public static void main(String[] args) throws Exception {
      QueueStores stores = QueueStores.start(Path.of(args[0]), CRASH);
      for (int i = 0; i < JOBS; i++) {
        stores.queue.enqueue("crash", new JobMessage("test.crash", key(i), "req-crash-" + i, "{}", Instant.now()));
      }
      System.out.println("CRASH-CHILD ACCEPTED");
      WorkerRuntime runtime = stores.runtime(Duration.ofSeconds(5), BACKOFF);
      runtime.register(CRASH, job -> {
        Thread.sleep(200);
        handle(stores, job);
        System.out.println("CRASH-CHILD EFFECT " + job.message().idempotencyKey());
      }, 2).start();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
