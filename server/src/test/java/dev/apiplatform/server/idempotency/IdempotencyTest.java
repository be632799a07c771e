package dev.apiplatform.server.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.domain.Conflict;
import dev.apiplatform.server.error.ProblemTable;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

  /** The store's contract in a map, for the rules; DynamoIdempotencyStore has its own test on DynamoDB Local. */
  static final class MapStore implements IdempotencyStore {
    final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> claim(String key, String requestHash, Instant now, Instant inProgressUntil, Instant expiresAt) {
      Entry existing = entries.get(key);
      boolean free = existing == null || existing.expiresAt().isBefore(now)
          || existing.response().isEmpty() && existing.inProgressUntil().isBefore(now);
      if (!free) return Optional.of(existing);
      entries.put(key, new Entry(requestHash, Optional.empty(), inProgressUntil, expiresAt));
      return Optional.empty();
    }

    @Override
    public Optional<Entry> find(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void complete(String key, String response) {
      entries.computeIfPresent(key, (k, e) -> new Entry(e.requestHash(), Optional.of(response), e.inProgressUntil(),
          e.expiresAt()));
    }

    @Override
    public void release(String key) {
      entries.remove(key);
    }
  }

  record Answer(String value) {}

  /** Stands for the process dying mid-request: not an exception the service handles. */
  static final class ProcessDied extends Error {}

  private final MapStore store = new MapStore();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final Idempotency idempotency = new Idempotency(store, JacksonConfig.create(), clock);
  private final AtomicInteger runs = new AtomicInteger();

  private Answer run(String caller, String key, Object body) {
    return idempotency.run(caller, Optional.ofNullable(key), "items_create", body, Answer.class,
        () -> new Answer("run " + runs.incrementAndGet()));
  }

  @Test
  void sameKeyAndBody_returnsTheFirstResult_withoutRunningAgain() {
    assertThat(run("u1", "k", Map.of("a", 1))).isEqualTo(new Answer("run 1"));
    assertThat(run("u1", "k", Map.of("a", 1))).isEqualTo(new Answer("run 1"));
    assertThat(runs).hasValue(1);
  }

  @Test
  void sameKeyWithAnotherBody_is422() {
    run("u1", "k", Map.of("a", 1));
    assertThatThrownBy(() -> run("u1", "k", Map.of("a", 2)))
        .isInstanceOfSatisfying(IdempotencyKeyReused.class, e -> assertThat(ProblemTable.map(e).status()).isEqualTo(422));
  }

  @Test
  void keysArePerCaller_andNoKeyAlwaysRuns() {
    run("u1", "k", Map.of("a", 1));
    assertThat(run("u2", "k", Map.of("a", 1))).isEqualTo(new Answer("run 2"));
    run("u1", null, Map.of("a", 1));
    run("u1", null, Map.of("a", 1));
    assertThat(runs).hasValue(4);
  }

  @Test
  void aFailedRequest_keepsNothing_soItsRetryRuns() {
    assertThatThrownBy(() -> idempotency.run("u1", Optional.of("k"), "op", "body", Answer.class, () -> {
      throw new Conflict("taken");
    })).isInstanceOf(Conflict.class);
    assertThat(run("u1", "k", "body")).isEqualTo(new Answer("run 1"));
  }

  @Test
  void aRetryWhileTheFirstIsRunning_is409() {
    AtomicInteger inner = new AtomicInteger();
    idempotency.run("u1", Optional.of("k"), "items_create", "body", Answer.class, () -> {
      assertThatThrownBy(() -> run("u1", "k", "body"))
          .isInstanceOfSatisfying(RequestInProgress.class, e -> assertThat(ProblemTable.map(e).status()).isEqualTo(409));
      inner.incrementAndGet();
      return new Answer("outer");
    });
    assertThat(inner).hasValue(1);
    assertThat(run("u1", "k", "body")).isEqualTo(new Answer("outer"));
  }

  @Test
  void aClaimLeftByACrash_blocksTheKeyOnlyUntilItsInProgressExpiry() {
    // the first request claimed the key and its process died: no result stored, no release
    assertThatThrownBy(() -> idempotency.run("u1", Optional.of("k"), "items_create", "body", Answer.class, () -> {
      throw new ProcessDied();
    })).isInstanceOf(ProcessDied.class);
    assertThatThrownBy(() -> run("u1", "k", "body"))
        .isInstanceOfSatisfying(RequestInProgress.class, e -> assertThat(ProblemTable.map(e).status()).isEqualTo(409));

    clock.advance(Idempotency.IN_PROGRESS_EXPIRY.plus(Duration.ofSeconds(1)));

    assertThat(run("u1", "k", "body")).isEqualTo(new Answer("run 1"));
    assertThat(run("u1", "k", "body")).isEqualTo(new Answer("run 1"));
  }

  @Test
  void aStoredResult_outlivesTheInProgressExpiry() {
    run("u1", "k", "body");
    clock.advance(Idempotency.IN_PROGRESS_EXPIRY.multipliedBy(10));
    assertThat(run("u1", "k", "body")).isEqualTo(new Answer("run 1"));
    assertThat(runs).hasValue(1);
  }
}
