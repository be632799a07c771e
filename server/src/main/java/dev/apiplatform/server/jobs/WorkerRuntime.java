package dev.apiplatform.server.jobs;

import dev.apiplatform.server.queue.Backoff;
import dev.apiplatform.server.queue.JobQueue;
import dev.apiplatform.server.queue.QueueAges;
import dev.apiplatform.server.queue.QueueDeclaration;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker runtime: one {@link QueueConsumer} per registered queue. Register handlers, then
 * {@link #start()}; {@link #close()} is the graceful stop SIGTERM leads to: polling stops at once
 * (a long poll under way is abandoned, a job received but not started is handed back), running
 * jobs get {@code shutdownGrace} to finish, and whatever still runs after that is interrupted and
 * handed back to the queue (visibility 0) once its handler ended, so another worker takes it at
 * once but never while this one still runs it. Nothing accepted is lost either way: a message is
 * deleted only after its handler returned, and one this process still holds when it dies (kill -9)
 * comes back after its visibility timeout.
 */
public final class WorkerRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

  /**
   * @param pollWait long-poll wait (0..20 s); a stop abandons the poll under way ({@link JobQueue#abandonReceives})
   * @param shutdownGrace how long a stop waits for running jobs before interrupting them and
   *     handing their messages back
   */
  public record Options(Duration pollWait, Duration shutdownGrace, Backoff backoff) {}

  private final JobQueue queue;
  private final Options options;
  private final Clock clock;
  private final List<QueueConsumer> consumers = new ArrayList<>();
  private final ScheduledExecutorService heartbeats;
  private JobOutcomeListener outcomes = JobOutcomeListener.NONE;
  private final QueueAges ages;
  private boolean started;
  private boolean closed;

  public WorkerRuntime(JobQueue queue, Options options, Clock clock) {
    this(queue, options, clock, new QueueAges(clock));
  }

  /** @param ages where the consumers record the messages they hold, for {@code QueueStats} */
  public WorkerRuntime(JobQueue queue, Options options, Clock clock, QueueAges ages) {
    this.ages = ages;
    this.queue = queue;
    this.options = options;
    this.clock = clock;
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "job-heartbeat");
      t.setDaemon(true);
      return t;
    });
  }

  /** Who is told of every finished delivery (metrics); one listener, set before {@link #register}. */
  public synchronized WorkerRuntime listen(JobOutcomeListener listener) {
    if (started || !consumers.isEmpty()) throw new IllegalStateException("Set the listener before registering handlers");
    this.outcomes = java.util.Objects.requireNonNull(listener);
    return this;
  }

  /** Runs {@code handler} for every message of {@code declaration}'s queue, {@code concurrency} at a time. */
  public synchronized WorkerRuntime register(QueueDeclaration declaration, JobHandler handler, int concurrency) {
    if (started) throw new IllegalStateException("Register handlers before start()");
    if (concurrency < 1) throw new IllegalArgumentException("concurrency must be ≥ 1");
    if (consumers.stream().anyMatch(c -> c.queueName().equals(declaration.name()))) {
      throw new IllegalArgumentException("A handler for " + declaration.name() + " is registered already");
    }
    consumers.add(new QueueConsumer(queue, declaration, handler, concurrency, options.backoff(),
        options.pollWait(), heartbeats, clock, ages, outcomes));
    return this;
  }

  public synchronized void start() {
    if (started) return;
    started = true;
    consumers.forEach(QueueConsumer::start);
    LOG.info("Workers started on {}", consumers.stream().map(QueueConsumer::queueName).toList());
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      // every consumer stops taking jobs first, then each poller is awaited (abandoned polls: at once)
      for (QueueConsumer c : consumers) c.stopPolling();
      for (QueueConsumer c : consumers) c.awaitPoller();
      long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
      for (QueueConsumer c : consumers) c.drain(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      heartbeats.shutdownNow();
    }
    if (started) LOG.info("Workers stopped");
  }
}
