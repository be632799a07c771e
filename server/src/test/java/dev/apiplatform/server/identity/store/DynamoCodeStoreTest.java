package dev.apiplatform.server.identity.store;

import dev.apiplatform.server.testing.MutableClock;
import dev.apiplatform.server.storage.StoreTables;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.server.identity.store.CodeRecord;
import dev.apiplatform.server.identity.store.DynamoCodeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.apiplatform.server.testing.AtOnce;

class DynamoCodeStoreTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private static StoreTables tables;
  private static MutableClock clock;
  private static DynamoCodeStore store;

  @BeforeAll
  static void start() {
    tables = StoreTables.start();
    clock = new MutableClock(T0);
    store = new DynamoCodeStore(tables.dynamo, tables.definitions, clock);
  }

  @AfterAll
  static void stop() {
    if (tables != null) tables.close();
  }

  private static CodeRecord code(String hash) {
    Instant now = clock.instant();
    return new CodeRecord(CodeRecord.SMS_LOGIN + "#" + UUID.randomUUID(), CodeRecord.SMS_LOGIN, "+4915112345678",
        Optional.of("start-session-1"), hash, 0, 5, now, now.plus(Duration.ofMinutes(10)));
  }

  @Test
  void storedCodeIsFound() {
    CodeRecord code = code("hash-1");
    store.put(code);

    assertThat(store.find(code.key())).contains(code);
  }

  @Test
  void missingCodeIsNotFound() {
    assertThat(store.find("nothing-" + UUID.randomUUID())).isEmpty();
  }

  @Test
  void expiredCodeIsNotFoundAndCannotBeConsumed() {
    CodeRecord code = code("hash-1");
    store.put(code);
    clock.advance(Duration.ofMinutes(10));
    try {
      assertThat(store.find(code.key())).isEmpty();
      assertThat(store.consume(code.key(), "hash-1")).isFalse();
    } finally {
      clock.advance(Duration.ofMinutes(-10));
    }
    assertThat(store.find(code.key())).isPresent(); // still there: only time decided
  }

  @Test
  void newCodeReplacesTheOldOne() {
    CodeRecord first = code("hash-old");
    store.put(first);
    CodeRecord second = new CodeRecord(first.key(), first.purpose(), first.destination(), Optional.empty(),
        "hash-new", 0, 5, clock.instant(), first.expiresAt());
    store.put(second);

    assertThat(store.find(first.key())).contains(second);
    assertThat(store.consume(first.key(), "hash-old")).isFalse();
    assertThat(store.consume(first.key(), "hash-new")).isTrue();
  }

  @Test
  void failedAttemptsAreCountedAtomically() {
    CodeRecord code = code("hash-1");
    store.put(code);

    assertThat(store.recordFailedAttempt(code.key())).isEqualTo(1);
    assertThat(store.recordFailedAttempt(code.key())).isEqualTo(2);
    assertThat(store.find(code.key()).get().attempts()).isEqualTo(2);
  }

  @Test
  void failedAttemptOnMissingCodeRecordsNothing() {
    String key = "nothing-" + UUID.randomUUID();
    assertThat(store.recordFailedAttempt(key)).isZero();
    assertThat(store.find(key)).isEmpty();
  }

  @Test
  void codeIsConsumedOnce() {
    CodeRecord code = code("hash-1");
    store.put(code);

    assertThat(store.consume(code.key(), "hash-1")).isTrue();
    assertThat(store.consume(code.key(), "hash-1")).isFalse();
    assertThat(store.find(code.key())).isEmpty();
  }

  @Test
  void concurrentConsumesOfOneCodeSucceedExactlyOnce() throws Exception {
    int threads = 6;
    for (int round = 0; round < 5; round++) {
      CodeRecord code = code("hash-" + round);
      store.put(code);
      List<Boolean> consumed = AtOnce.values(threads, i -> () -> store.consume(code.key(), code.codeHash()));
      assertThat(consumed).as("round %d", round).containsOnlyOnce(true);
    }
  }

  @Test
  void consumeWithWrongHashFailsAndKeepsTheCode() {
    CodeRecord code = code("hash-1");
    store.put(code);

    assertThat(store.consume(code.key(), "hash-2")).isFalse();
    assertThat(store.find(code.key())).contains(code);
  }

  @Test
  void consumeIsRefusedAfterMaxAttempts() {
    CodeRecord code = code("hash-1");
    store.put(code);
    for (int i = 0; i < code.maxAttempts(); i++) {
      store.recordFailedAttempt(code.key());
    }

    assertThat(store.consume(code.key(), "hash-1")).isFalse();
    assertThat(store.find(code.key()).get().usableAt(clock.instant())).isFalse();
  }

  @Test
  void deletedCodeIsGone() {
    CodeRecord code = code("hash-1");
    store.put(code);
    store.delete(code.key());
    store.delete(code.key()); // idempotent

    assertThat(store.find(code.key())).isEmpty();
  }
}
