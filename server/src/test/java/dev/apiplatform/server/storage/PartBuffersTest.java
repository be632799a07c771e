package dev.apiplatform.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The process's pool of part buffers: its bound, reuse, the refusal after the wait, and its defaults. */
class PartBuffersTest {

  static final long LARGE = PartBuffers.PART_BYTES * 3L;

  @Test
  void atMostCapacityBuffersAreLeased_theNextWriteIsRefusedAfterTheWait() {
    PartBuffers pool = new PartBuffers(2, Duration.ZERO);
    PartBuffers.Lease a = pool.acquire(LARGE);
    PartBuffers.Lease b = pool.acquire(PartBuffers.SMALL_BYTES + 1);
    assertThat(a.pooled()).isTrue();
    assertThat(a.buffer()).hasSize(PartBuffers.PART_BYTES);
    assertThat(b.buffer()).hasSize(PartBuffers.PART_BYTES).isNotSameAs(a.buffer());
    assertThat(pool.available()).isZero();
    assertThatThrownBy(() -> pool.acquire(LARGE)).isInstanceOf(MediaStore.MediaBusyException.class)
        .hasMessageContaining("all 2 part buffers");
    assertThat(pool.allocated()).isEqualTo(2);
    a.close();
    b.close();
    assertThat(pool.available()).isEqualTo(2);
  }

  @Test
  void aReturnedBufferIsTheNextWritesBuffer_noNewArray() {
    PartBuffers pool = new PartBuffers(2, Duration.ZERO);
    byte[] first;
    try (PartBuffers.Lease lease = pool.acquire(LARGE)) {
      first = lease.buffer();
    }
    for (int i = 0; i < 10; i++) {
      try (PartBuffers.Lease lease = pool.acquire(LARGE)) {
        assertThat(lease.buffer()).isSameAs(first);
      }
    }
    assertThat(pool.allocated()).isEqualTo(1);
  }

  @Test
  void closingTwiceReturnsOnce_andAReturnedLeaseHasNoBuffer() {
    PartBuffers pool = new PartBuffers(2, Duration.ZERO);
    PartBuffers.Lease lease = pool.acquire(LARGE);
    PartBuffers.Lease other = pool.acquire(LARGE);
    lease.close();
    lease.close();
    assertThat(pool.available()).isEqualTo(1);
    assertThatThrownBy(lease::buffer).isInstanceOf(IllegalStateException.class);
    other.close();
    assertThat(pool.available()).isEqualTo(2);
  }

  @Test
  void aSmallBodyGetsItsOwnArray_andNeverWaits() {
    PartBuffers pool = new PartBuffers(1, Duration.ZERO);
    try (PartBuffers.Lease held = pool.acquire(LARGE);
        PartBuffers.Lease small = pool.acquire(3000);
        PartBuffers.Lease empty = pool.acquire(0)) {
      assertThat(held.pooled()).isTrue();
      assertThat(small.pooled()).isFalse();
      assertThat(small.buffer()).hasSize(3000);
      assertThat(empty.buffer()).hasSize(1);
      assertThat(pool.available()).isZero();
    }
    assertThat(pool.available()).isEqualTo(1);
    assertThat(pool.allocated()).isEqualTo(1);
  }

  @Test
  void aWaitingWriteGetsTheBufferAnotherReturns() throws Exception {
    PartBuffers pool = new PartBuffers(1, Duration.ofMinutes(1));
    PartBuffers.Lease held = pool.acquire(LARGE);
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<byte[]> next = CompletableFuture.supplyAsync(() -> {
      waiting.countDown();
      try (PartBuffers.Lease lease = pool.acquire(LARGE)) {
        return lease.buffer();
      }
    });
    assertThat(waiting.await(1, TimeUnit.MINUTES)).isTrue();
    byte[] first = held.buffer();
    held.close();
    assertThat(next.get(1, TimeUnit.MINUTES)).isSameAs(first);
    assertThat(pool.allocated()).isEqualTo(1);
  }

  @Test
  void theDefaultIsAnEighthOfTheHeapInParts_between1And64() {
    long mib = 1024 * 1024;
    assertThat(PartBuffers.defaultCapacity(160 * mib)).isEqualTo(4);
    assertThat(PartBuffers.defaultCapacity(155 * mib)).as("-Xmx160m's maxMemory with Serial GC").isEqualTo(4);
    assertThat(PartBuffers.defaultCapacity(1024 * mib)).isEqualTo(26);
    assertThat(PartBuffers.defaultCapacity(16 * mib)).isEqualTo(1);
    assertThat(PartBuffers.defaultCapacity(64L * 1024 * mib)).isEqualTo(64);
  }

  @Test
  void configurationSetsSizeAndWait_outOfRangeStopsTheStart() {
    PartBuffers pool = PartBuffers.from(new Env(Map.of("MEDIA_PART_BUFFERS", "3", "MEDIA_PART_WAIT_MS", "250")));
    assertThat(pool.capacity()).isEqualTo(3);
    assertThat(pool.maxWait()).isEqualTo(Duration.ofMillis(250));
    assertThat(PartBuffers.from(new Env(Map.of())).capacity())
        .isEqualTo(PartBuffers.defaultCapacity(Runtime.getRuntime().maxMemory()));
    assertThatThrownBy(() -> PartBuffers.from(new Env(Map.of("MEDIA_PART_BUFFERS", "0"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("MEDIA_PART_BUFFERS");
  }
}
