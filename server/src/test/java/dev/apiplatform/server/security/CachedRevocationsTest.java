package dev.apiplatform.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedRevocationsTest {

  private final AtomicInteger calls = new AtomicInteger();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final AtomicLong nanos = new AtomicLong();
  private final SessionRevocations store = sessionId -> {
    calls.incrementAndGet();
    return revoked.contains(sessionId);
  };
  private final CachedRevocations cached =
      new CachedRevocations(store, Duration.ofSeconds(5), 1000, nanos::get, Runnable::run);

  @Test
  void answersFromTheCacheWithinTheTtl() {
    assertThat(cached.isRevoked("s1")).isFalse();
    revoked.add("s1"); // revoked through another instance: this one does not know yet
    nanos.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(cached.isRevoked("s1")).isFalse();
    assertThat(calls).hasValue(1);

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(cached.isRevoked("s1")).isTrue();
    assertThat(calls).hasValue(2);
  }

  @Test
  void invalidate_makesALocalLogoutEffectiveAtOnce() {
    assertThat(cached.isRevoked("s1")).isFalse();
    revoked.add("s1");
    cached.invalidate("s1");
    assertThat(cached.isRevoked("s1")).isTrue();
    assertThat(calls).hasValue(2);
    assertThat(cached.isRevoked("s1")).isTrue();
    assertThat(calls).hasValue(2);
  }

  @Test
  void invalidateAll_forgetsEverySession() {
    cached.isRevoked("s1");
    cached.isRevoked("s2");
    revoked.addAll(Set.of("s1", "s2"));
    cached.invalidateAll();
    assertThat(cached.isRevoked("s1")).isTrue();
    assertThat(cached.isRevoked("s2")).isTrue();
    assertThat(calls).hasValue(4);
  }

  @Test
  void sessionsAreCachedSeparately() {
    revoked.add("s2");
    assertThat(cached.isRevoked("s1")).isFalse();
    assertThat(cached.isRevoked("s2")).isTrue();
    assertThat(calls).hasValue(2);
  }

  @Test
  void invalidate_duringALoad_discardsTheStaleAnswer() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SessionRevocations slow = sessionId -> {
      boolean answer = revoked.contains(sessionId); // read before the logout below
      loading.countDown();
      await(release);
      return answer;
    };
    CachedRevocations racing = new CachedRevocations(slow, Duration.ofSeconds(5), 1000, nanos::get, Runnable::run);

    Thread reader = new Thread(() -> racing.isRevoked("s1"));
    reader.start();
    assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
    revoked.add("s1");
    Thread logout = new Thread(() -> racing.invalidate("s1"));
    logout.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (logout.getState() == Thread.State.RUNNABLE || logout.getState() == Thread.State.NEW) {
      if (System.nanoTime() > deadline) break;
      Thread.onSpinWait();
    }
    release.countDown();
    reader.join(5000);
    logout.join(5000);

    assertThat(racing.isRevoked("s1")).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
