package dev.apiplatform.server.queue;

import static dev.apiplatform.server.queue.QueueStores.await;
import static dev.apiplatform.server.queue.QueueStores.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.server.jobs.WorkerRuntime;
import dev.apiplatform.server.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QueueStats on ElasticMQ: SQS's counts, cached for the ttl, and the age the workers observe. */
class QueueStatsTest {

  private static final QueueDeclaration COUNTED = QueueDeclaration.of("stats-counted", 5);
  private static final QueueDeclaration HELD = QueueDeclaration.of("stats-held", 5);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path dir;
  private static QueueStores stores;

  @BeforeAll
  static void start() {
    stores = QueueStores.start(dir, COUNTED, HELD);
  }

  @AfterAll
  static void stop() {
    if (stores != null) stores.close();
  }

  private static QueueStats.Snapshot of(QueueStats stats, String queue) {
    return stats.snapshot().stream().filter(s -> s.queue().equals(queue)).findFirst().orElseThrow();
  }

  @Test
  void snapshot_listsEveryDeclaredQueue_withItsDepth_andCachesTheCountsForTheTtl() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    QueueStats stats = new QueueStats(stores.queue, new QueueAges(clock), clock, Duration.ofSeconds(5));
    assertThat(stats.snapshot()).extracting(QueueStats.Snapshot::queue).containsExactly("stats-counted", "stats-held");
    long before = of(stats, "stats-counted").depth();

    stores.queue.enqueue("stats-counted", job("test.stats"));
    stores.queue.enqueue("stats-counted", job("test.stats"));
    assertThat(of(stats, "stats-counted").depth()).as("within the ttl: the cached reading").isEqualTo(before);

    clock.advance(Duration.ofSeconds(5));
    QueueStats.Snapshot fresh = of(stats, "stats-counted");
    assertThat(fresh.depth()).isEqualTo(before + 2);
    assertThat(fresh.counts().visible()).isEqualTo(before + 2);
    assertThat(fresh.deadLettered()).isZero();
    assertThat(fresh.measuredAt()).isEqualTo(clock.instant());
    assertThat(fresh.oldestAge()).as("no worker of this process holds one").isEmpty();
  }

  @Test
  void oldestAge_isTheSentTimestampAgeOfAMessageAWorkerHolds_andGoesAwayOnceHandled() throws Exception {
    // the stats read the time an hour ahead: an age of an hour or more can only come from SQS's
    // SentTimestamp, not from when the worker received the message
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
    QueueAges ages = new QueueAges(ahead);
    QueueStats stats = new QueueStats(stores.queue, ages, ahead, Duration.ZERO);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (WorkerRuntime runtime = new WorkerRuntime(stores.queue, new WorkerRuntime.Options(QueueStores.POLL_WAIT,
        Duration.ofSeconds(5), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2))), Clock.systemUTC(), ages)) {
      runtime.register(HELD, job -> {
        running.countDown();
        release.await(60, TimeUnit.SECONDS);
      }, 1).start();
      stores.queue.enqueue("stats-held", job("test.stats"));
      assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();

      QueueStats.Snapshot held = of(stats, "stats-held");
      assertThat(held.oldestAge()).hasValueSatisfying(age ->
          assertThat(age).isGreaterThanOrEqualTo(Duration.ofMinutes(59)).isLessThan(Duration.ofMinutes(70)));
      assertThat(held.counts().inFlight()).isEqualTo(1);

      release.countDown();
      await("the message handled", WAIT, () -> of(stats, "stats-held").depth() == 0);
      assertThat(of(stats, "stats-held").oldestAge()).isEmpty();
    }
  }
}
