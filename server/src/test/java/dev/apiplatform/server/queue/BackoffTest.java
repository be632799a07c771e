package dev.apiplatform.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60));

  @Test
  void delay_doublesPerAttempt_withinTheUpperHalf() {
    Random random = new Random(42);
    for (int attempt = 1; attempt <= 5; attempt++) {
      long full = 2000L << (attempt - 1);
      for (int i = 0; i < 200; i++) {
        assertThat(backoff.delay(attempt, random).toMillis()).isBetween(full / 2, full);
      }
    }
  }

  @Test
  void delay_isCappedAtTheMaximum_evenForHugeAttempts() {
    Random random = new Random(7);
    for (int attempt : new int[] {6, 10, 31, 64, 1000}) {
      assertThat(backoff.delay(attempt, random).toMillis()).isBetween(30_000L, 60_000L);
    }
  }

  @Test
  void delay_isJittered_soABurstOfRetriesSpreadsOut() {
    Random random = new Random(1);
    long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> backoff.delay(3, random).toMillis())
        .distinct().count();
    assertThat(distinct).isGreaterThan(40);
  }
}
