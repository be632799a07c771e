package dev.apiplatform.server.http;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The access log's appender: the request thread only queues the message (already one JSON line);
 * one daemon thread writes whatever has queued up to standard output in a single write, so a
 * busy server makes one system call per batch instead of one synchronized console write per
 * request on the request thread (6 % of the CPU of GET /healthz in issue 15). Nothing is
 * dropped: when the queue is full the request thread waits (back-pressure, as the console did).
 * {@link #stop()} writes what is still queued. Lines appear within one batch's write of being
 * logged; each write holds whole lines only.
 */
public final class AccessLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  private static final int BATCH = 1024;
  private static final int MAX_WRITE = 64 * 1024;
  private static final String STOP = new String("stop"); // identity marker, never a real line

  private int queueSize = 8192;
  private PrintStream target;
  private BlockingQueue<String> queue;
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
    queue = new ArrayBlockingQueue<>(Math.max(16, queueSize));
    writer = new Thread(this::drain, "access-log-writer");
    writer.setDaemon(true);
    writer.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    String line = event.getFormattedMessage();
    try {
      queue.put(line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      write(List.of(line), new ByteArrayOutputStream()); // never lose a line
    }
  }

  @Override
  public void stop() {
    if (!isStarted()) return;
    super.stop();
    try {
      queue.put(STOP);
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain() {
    List<String> batch = new ArrayList<>(BATCH);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(MAX_WRITE + 4096);
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only stop() ends this thread, after the queue is written
      }
      queue.drainTo(batch, BATCH - 1);
      boolean stopping = batch.remove(STOP);
      try {
        write(batch, buffer);
      } catch (RuntimeException e) {
        // this thread must outlive any failure: request threads wait on a full queue
        addError("access log batch not written", e);
      }
      batch.clear();
      if (stopping) {
        List<String> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.remove(STOP);
        write(rest, buffer);
        return;
      }
    }
  }

  private void write(List<String> lines, ByteArrayOutputStream buffer) {
    buffer.reset();
    for (String line : lines) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      if (buffer.size() > 0 && buffer.size() + bytes.length + 1 > MAX_WRITE) {
        flush(buffer);
      }
      buffer.write(bytes, 0, bytes.length);
      buffer.write('\n');
    }
    flush(buffer);
  }

  private void flush(ByteArrayOutputStream buffer) {
    if (buffer.size() == 0) return;
    synchronized (target) {
      try {
        buffer.writeTo(target);
      } catch (java.io.IOException e) {
        addError("access log write failed", e); // PrintStream never throws; kept for the signature
      }
      target.flush();
    }
    buffer.reset();
  }
}
