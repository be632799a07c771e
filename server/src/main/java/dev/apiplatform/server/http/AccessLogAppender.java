package dev.apiplatform.server.http;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The access log's appender: the request thread only queues the message (already one JSON line)
 * on a lock-free queue; one daemon thread wakes every {@value #IDLE_MILLIS} ms and writes whatever
 * has queued up to standard output in as few writes as possible (each at most 64 KiB, whole lines
 * only). A busy server makes a few hundred system calls a second instead of one synchronized
 * console write per request on the request thread (6 % of the CPU of GET /healthz in issue 15),
 * and no request wakes the writer: a blocking queue's signal per line cost a context switch.
 *
 * <p>Nothing is dropped: when {@code queueSize} lines wait, request threads wait for the writer
 * (back-pressure, as the console did). {@link #stop()} (logback's shutdown hook) writes what is
 * still queued. A line appears at most {@value #IDLE_MILLIS} ms plus one write after it is logged.
 */
public final class AccessLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  static final int IDLE_MILLIS = 2;
  private static final int MAX_WRITE = 64 * 1024;

  private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private int queueSize = 8192;
  private PrintStream target;
  private volatile boolean running;
  private Thread writer;

  /** Queue capacity in lines (logback property {@code <queueSize>}). */
  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  /** Tests point it at their own stream; the default is {@link System#out} at start. */
  void setTarget(PrintStream target) {
    this.target = target;
  }

  @Override
  public void start() {
    if (isStarted()) return;
    if (target == null) target = System.out;
    queueSize = Math.max(16, queueSize);
    running = true;
    writer = new Thread(this::drain, "access-log-writer");
    writer.setDaemon(true);
    writer.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    String line = event.getFormattedMessage();
    while (queued.get() >= queueSize && running) { // full: wait for the writer, never drop
      LockSupport.unpark(writer);
      LockSupport.parkNanos(100_000);
    }
    queue.offer(line);
    queued.incrementAndGet();
  }

  @Override
  public void stop() {
    if (!isStarted()) return;
    super.stop();
    running = false;
    LockSupport.unpark(writer);
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(MAX_WRITE + 4096);
    while (true) {
      boolean stopping = !running; // read before draining: what was queued before stop is written
      int written = 0;
      int taken = 0; // given back to the count once per write, not per line: request threads increment it
      try {
        for (String line; (line = queue.poll()) != null; written++) {
          taken++;
          byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
          if (buffer.size() > 0 && buffer.size() + bytes.length + 1 > MAX_WRITE) {
            flush(buffer);
            queued.addAndGet(-taken);
            taken = 0;
          }
          buffer.write(bytes, 0, bytes.length);
          buffer.write('\n');
        }
        flush(buffer);
      } catch (RuntimeException e) {
        // this thread must outlive any failure: request threads wait on a full queue
        buffer.reset();
        addError("access log batch not written", e);
      } finally {
        queued.addAndGet(-taken);
      }
      if (stopping) return;
      if (written == 0 || queued.get() < queueSize / 2) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS));
      }
    }
  }

  private void flush(ByteArrayOutputStream buffer) {
    if (buffer.size() == 0) return;
    synchronized (target) {
      try {
        buffer.writeTo(target);
      } catch (IOException e) {
        addError("access log write failed", e); // PrintStream never throws; kept for the signature
      }
      target.flush();
    }
    buffer.reset();
  }
}
