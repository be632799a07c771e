package dev.apiplatform.server.identity.store;

import dev.apiplatform.server.testing.MutableClock;
import dev.apiplatform.server.storage.StoreTables;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.server.identity.store.DynamoCounterStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.apiplatform.server.testing.AtOnce;

class DynamoCounterStoreTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private static StoreTables tables;
  private static MutableClock clock;
  private static DynamoCounterStore store;

  @BeforeAll
  static void start() {
    tables = StoreTables.start();
    clock = new MutableClock(T0);
    store = new DynamoCounterStore(tables.dynamo, tables.definitions, clock);
  }

  @AfterAll
  static void stop() {
    if (tables != null) tables.close();
  }

  private static String key() {
    return "sms:" + UUID.randomUUID();
  }

  @Test
  void windowCountsWithinOneWindowAndRestartsInTheNext() {
    String key = key();

    assertThat(store.incrementWindow(key, HOUR, T0)).isEqualTo(1);
    assertThat(store.incrementWindow(key, HOUR, T0.plus(Duration.ofMinutes(30)))).isEqualTo(2);
    assertThat(store.incrementWindow(key, HOUR, T0.plus(Duration.ofMinutes(59)).plusSeconds(59))).isEqualTo(3);
    assertThat(store.incrementWindow(key, HOUR, T0.plus(HOUR))).isEqualTo(1);
    assertThat(store.incrementWindow(key, Duration.ofMinutes(10), T0)).isEqualTo(1); // another window length
  }

  @Test
  void concurrentIncrementsAreAllCounted() throws Exception {
    String key = key();
    int threads = 6;
    int perThread = 5;
    AtOnce.values(threads, i -> () -> {
      for (int j = 0; j < perThread; j++) store.incrementWindow(key, HOUR, T0);
      return null;
    });
    assertThat(store.incrementWindow(key, HOUR, T0)).isEqualTo(threads * perThread + 1);
  }

  @Test
  void lastEventIsRememberedForKeep() {
    String key = key();
    assertThat(store.lastEvent(key)).isEmpty();
    Instant at = clock.instant().plusMillis(250);

    store.markEvent(key, at, Duration.ofMinutes(5));

    assertThat(store.lastEvent(key)).contains(at);
    clock.advance(Duration.ofMinutes(6));
    try {
      assertThat(store.lastEvent(key)).isEmpty();
    } finally {
      clock.advance(Duration.ofMinutes(-6));
    }
  }

  @Test
  void tryMarkEventAllowsOneEventPerInterval() {
    String key = key();
    Duration interval = Duration.ofSeconds(60);
    Duration keep = Duration.ofMinutes(5);

    assertThat(store.tryMarkEvent(key, T0, interval, keep)).isTrue();
    assertThat(store.tryMarkEvent(key, T0.plusSeconds(59), interval, keep)).isFalse();
    assertThat(store.lastEvent(key)).contains(T0);
    assertThat(store.tryMarkEvent(key, T0.plusSeconds(60), interval, keep)).isTrue();
    assertThat(store.lastEvent(key)).contains(T0.plusSeconds(60));
  }

  @Test
  void concurrentTryMarkEventsRecordExactlyOne() throws Exception {
    String key = key();
    int threads = 6;
    List<Boolean> recorded = AtOnce.values(threads,
        i -> () -> store.tryMarkEvent(key, T0.plusMillis(i), Duration.ofSeconds(60), Duration.ofMinutes(5)));
    assertThat(recorded).containsOnlyOnce(true);
  }

  @Test
  void failuresCountUpAndReset() {
    String key = "signin:" + UUID.randomUUID();
    Duration keep = Duration.ofMinutes(15);
    assertThat(store.failures(key)).isZero();

    assertThat(store.recordFailure(key, clock.instant(), keep)).isEqualTo(1);
    assertThat(store.recordFailure(key, clock.instant(), keep)).isEqualTo(2);
    assertThat(store.recordFailure(key, clock.instant(), keep)).isEqualTo(3);
    assertThat(store.failures(key)).isEqualTo(3);

    store.reset(key);
    assertThat(store.failures(key)).isZero();
    assertThat(store.recordFailure(key, clock.instant(), keep)).isEqualTo(1);
  }

  @Test
  void failuresExpireKeepAfterTheLatestFailure() {
    String key = "signin:" + UUID.randomUUID();
    Duration keep = Duration.ofMinutes(15);
    Instant start = clock.instant();
    store.recordFailure(key, start, keep);
    store.recordFailure(key, start.plus(Duration.ofMinutes(10)), keep);

    // 20 min after the first, 10 after the latest: still counting
    clock.advance(Duration.ofMinutes(20));
    try {
      assertThat(store.failures(key)).isEqualTo(2);
      clock.advance(Duration.ofMinutes(6)); // 16 min after the latest
      assertThat(store.failures(key)).isZero();
      // the expired item is still in the table (DynamoDB Local has no TTL): counting restarts at 1
      assertThat(store.recordFailure(key, clock.instant(), keep)).isEqualTo(1);
      assertThat(store.failures(key)).isEqualTo(1);
    } finally {
      clock.advance(Duration.ofMinutes(-26));
    }
  }

  @Test
  void oneKeyServesWindowsEventsAndFailuresSeparately() {
    String key = key();
    store.incrementWindow(key, HOUR, T0);
    store.markEvent(key, T0, Duration.ofMinutes(5));
    store.recordFailure(key, T0, Duration.ofMinutes(5));

    assertThat(store.incrementWindow(key, HOUR, T0)).isEqualTo(2);
    assertThat(store.lastEvent(key)).contains(T0);
    assertThat(store.failures(key)).isEqualTo(1);
  }
}
