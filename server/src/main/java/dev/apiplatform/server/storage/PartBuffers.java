package dev.apiplatform.server.storage;

import dev.apiplatform.server.config.Env;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process's one pool of part buffers for streamed writes ({@link MediaStore#put}): at most
 * {@link #capacity()} buffers of {@link #PART_BYTES} exist at once, each allocated on first need
 * and reused by every later write, so the heap streamed writes hold is bounded by
 * {@code capacity x PART_BYTES} however many arrive (before the pool, each write took a new
 * 8 MiB array: ~15 concurrent large writes were an OutOfMemoryError at {@code make run}'s
 * -Xmx160m, where DynamoDB Local, S3Proxy and ElasticMQ share the heap).
 *
 * <p>A write that finds every buffer taken waits up to {@link #maxWait()} (fair: first come,
 * first served) and is then refused with {@link MediaStore.MediaBusyException}, which the caller
 * answers 503 with Retry-After before reading a byte of the body. A body of at most
 * {@link #SMALL_BYTES} takes no pooled buffer: it gets an array of its own length, so a few-KB
 * export neither waits behind large ones nor pins 5 MiB (what such bodies hold is bounded by the
 * request threads times {@value #SMALL_BYTES} bytes, and the edge holds them whole anyway).
 *
 * <p>Configuration: {@code MEDIA_PART_BUFFERS} (default {@link #defaultCapacity(long)}: an eighth
 * of the max heap in parts, at least 1) and {@code MEDIA_PART_WAIT_MS} (default 2000, below the
 * edge's 5 s before a slow body is 408, so a waiting client is answered by the pool, not the
 * reaper).
 */
public final class PartBuffers {

  /**
   * Size of one part: S3's minimum for every part but the last (5 MiB; smaller ones make
   * CompleteMultipartUpload fail with EntityTooSmall), so as many writes as possible fit in the
   * pool. At this size a 64 MiB export (HEALTHKIT_MAX_UPLOAD_BYTES' default) is 13 parts and S3's
   * 10,000-part limit is ~48 GiB.
   */
  public static final int PART_BYTES = 5 * 1024 * 1024;

  /** Bodies up to this many bytes get an array of their own size, not a pooled part. */
  public static final int SMALL_BYTES = 64 * 1024;

  /** At most this many buffers whatever the heap (a 64 x 5 MiB = 320 MiB pool is past any use here). */
  static final int MAX_CAPACITY = 64;

  static final Duration DEFAULT_WAIT = Duration.ofMillis(2000);

  private final int capacity;
  private final Duration maxWait;
  private final Semaphore permits;
  private final ArrayDeque<byte[]> idle = new ArrayDeque<>();
  private int allocated;

  public PartBuffers(int capacity, Duration maxWait) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    this.capacity = capacity;
    this.maxWait = maxWait;
    this.permits = new Semaphore(capacity, true);
  }

  /** Sized by {@code MEDIA_PART_BUFFERS} and {@code MEDIA_PART_WAIT_MS}, defaults from this JVM's max heap. */
  public static PartBuffers from(Env env) {
    int buffers = env.integer("MEDIA_PART_BUFFERS", defaultCapacity(Runtime.getRuntime().maxMemory()), 1,
        MAX_CAPACITY);
    int waitMs = env.integer("MEDIA_PART_WAIT_MS", (int) DEFAULT_WAIT.toMillis(), 0, 60_000);
    return new PartBuffers(buffers, Duration.ofMillis(waitMs));
  }

  /**
   * An eighth of {@code maxHeapBytes} in parts (rounded: {@code maxMemory()} is -Xmx less a
   * survivor space), at least 1 and at most {@link #MAX_CAPACITY}. The embedded stores, the
   * request path and the workers share the heap, and with the pool full seven eighths stay
   * theirs: at {@code make run}'s -Xmx160m 4 buffers (20 MiB), as many as the edge lets bodies
   * stream at once (Platform.MAX_STREAMED_BODIES); at -Xmx1g 26.
   */
  public static int defaultCapacity(long maxHeapBytes) {
    return (int) Math.max(1, Math.min(MAX_CAPACITY, Math.round(maxHeapBytes / 8.0 / PART_BYTES)));
  }

  public int capacity() {
    return capacity;
  }

  public Duration maxWait() {
    return maxWait;
  }

  /** Buffers not leased right now (allocated or not yet). */
  public int available() {
    return permits.availablePermits();
  }

  /** Pooled buffers allocated so far: never more than {@link #capacity()}. */
  public synchronized int allocated() {
    return allocated;
  }

  /**
   * A buffer for a write of {@code length} bytes: its own array for a small body, else a pooled
   * part once one is free within {@link #maxWait()}.
   *
   * @throws MediaStore.MediaBusyException when none came free in time (or the thread was interrupted)
   */
  public Lease acquire(long length) {
    if (length <= SMALL_BYTES) return new Lease(new byte[(int) Math.max(1, length)], false);
    try {
      if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new MediaStore.MediaBusyException("all " + capacity + " part buffers stayed in use for "
            + maxWait.toMillis() + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaStore.MediaBusyException("interrupted while waiting for a part buffer");
    }
    return new Lease(take(), true);
  }

  private synchronized byte[] take() {
    byte[] buffer = idle.pollFirst();
    if (buffer != null) return buffer;
    allocated++; // a permit is held: at most capacity are ever allocated
    return new byte[PART_BYTES];
  }

  private synchronized void giveBack(byte[] buffer) {
    idle.addFirst(buffer); // the most recently used first: its pages are the ones resident
  }

  /** One write's buffer; {@link #close()} returns it (once, however often it is called). */
  public final class Lease implements AutoCloseable {

    private final byte[] buffer;
    private final boolean pooled;
    private final AtomicBoolean returned = new AtomicBoolean();

    private Lease(byte[] buffer, boolean pooled) {
      this.buffer = buffer;
      this.pooled = pooled;
    }

    public byte[] buffer() {
      if (returned.get()) throw new IllegalStateException("the part buffer was returned");
      return buffer;
    }

    /** Whether this is one of the pool's buffers (not a small body's own array). */
    public boolean pooled() {
      return pooled;
    }

    @Override
    public void close() {
      if (!returned.compareAndSet(false, true) || !pooled) return;
      giveBack(buffer);
      permits.release();
    }
  }
}
