package dev.apiplatform.server.jobs;

import dev.apiplatform.server.queue.Backoff;
import dev.apiplatform.server.queue.JobQueue;
import dev.apiplatform.server.queue.QueueAges;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueException;
import dev.apiplatform.server.queue.ReceivedJob;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One queue's consumer: a poller thread that long-polls only for as many messages as it has free
 * slots (bounded concurrency), and a pool running the handler. While a job runs its message's
 * visibility is extended every half timeout; a failure hides it for a jittered exponential backoff
 * (ChangeMessageVisibility), and the last allowed delivery's failure makes it visible at once so
 * SQS's redrive policy moves it to the DLQ on the next receive.
 */
final class QueueConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(QueueConsumer.class);

  private final JobQueue queue;
  private final QueueDeclaration declaration;
  private final JobHandler handler;
  private final Backoff backoff;
  private final Duration pollWait;
  private final ScheduledExecutorService heartbeats;
  private final Clock clock;
  private final DeliveryOutcomes outcomes;
  private final Semaphore slots;
  private final ExecutorService pool;
  private final Thread poller;
  private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
  private final QueueAges ages;
  private volatile boolean stopping;

  /** How long a stop waits for interrupted handlers to end before leaving their messages to the visibility timeout. */
  static final Duration INTERRUPTED_WAIT = Duration.ofSeconds(1);

  private static final class InFlight {
    final ReceivedJob job;
    /** Set by a stop past its grace: the handler is interrupted, and its message handed back once it ended. */
    volatile boolean released;

    InFlight(ReceivedJob job) {
      this.job = job;
    }
  }

  QueueConsumer(JobQueue queue, QueueDeclaration declaration, JobHandler handler, int concurrency, Backoff backoff,
      Duration pollWait, ScheduledExecutorService heartbeats, Clock clock, QueueAges ages,
      JobOutcomeListener listener) {
    this.queue = queue;
    this.declaration = declaration;
    this.handler = handler;
    this.backoff = backoff;
    this.pollWait = pollWait;
    this.heartbeats = heartbeats;
    this.clock = clock;
    this.outcomes = new DeliveryOutcomes(declaration.name(), listener);
    this.ages = ages;
    this.slots = new Semaphore(concurrency);
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(concurrency, r -> daemon(r, "job-" + declaration.name() + "-"
        + n.incrementAndGet()));
    this.poller = daemon(this::poll, "poll-" + declaration.name());
  }

  void start() {
    poller.start();
  }

  String queueName() {
    return declaration.name();
  }

  private void poll() {
    while (!stopping) {
      int taken;
      try {
        // a timed wait, so a stop is seen while every slot is busy
        if (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) continue;
      } catch (InterruptedException e) {
        return;
      }
      if (stopping) {
        slots.release();
        return;
      }
      taken = 1 + drainUpTo(9);
      List<ReceivedJob> jobs;
      try {
        jobs = queue.receive(declaration.name(), taken, pollWait);
      } catch (RuntimeException e) {
        slots.release(taken);
        if (stopping) return; // the stop abandoned the poll
        LOG.warn("Polling {} failed; retrying in 1 s: {}", declaration.name(), e.getMessage());
        if (!pause(Duration.ofSeconds(1))) return;
        continue;
      }
      slots.release(taken - jobs.size());
      // an abandoned receive may have been ended by an interrupt: the releases below must still run
      if (stopping) Thread.interrupted();
      for (ReceivedJob job : jobs) {
        ages.received(job);
        if (stopping) {
          handBack(job); // received while stopping: not started, so back to the queue at once
        } else {
          try {
            pool.execute(new Start(job));
          } catch (RejectedExecutionException e) {
            handBack(job); // the stop shut the pool down meanwhile
          }
        }
      }
    }
  }

  /** A received job waiting for a pool thread: a stop's {@code shutdownNow} returns it unstarted. */
  private final class Start implements Runnable {
    final ReceivedJob job;

    Start(ReceivedJob job) {
      this.job = job;
    }

    @Override
    public void run() {
      QueueConsumer.this.run(job);
    }
  }

  /** A received job that is not started: visible again at once, for this or another worker. */
  private void handBack(ReceivedJob job) {
    release(job);
    ages.finished(job);
    slots.release();
  }

  private int drainUpTo(int max) {
    int got = 0;
    while (got < max && slots.tryAcquire()) got++;
    return got;
  }

  private void run(ReceivedJob job) {
    if (stopping) {
      handBack(job); // queued for a thread when the stop came: never started
      return;
    }
    InFlight flight = new InFlight(job);
    inFlight.add(flight);
    long t0 = System.nanoTime();
    ScheduledFuture<?> heartbeat = scheduleHeartbeat(flight);
    var message = job.message();
    if (message != null) MDC.put("request_id", message.requestId());
    try {
      if (message == null) throw new MalformedJobException();
      handler.handle(job);
      heartbeat.cancel(false);
      queue.delete(job);
      ages.finished(job);
      outcomes.record(JobOutcomeListener.Outcome.HANDLED, "handled", job, t0, null);
    } catch (Throwable e) {
      heartbeat.cancel(false);
      if (flight.released) {
        // the stop interrupted it: handed back only now that it has ended, so no other worker
        // runs it while this one still does
        release(job);
        ages.finished(job);
        outcomes.record(JobOutcomeListener.Outcome.RELEASED, "released", job, t0, e);
      } else {
        failed(job, t0, e);
      }
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
    } finally {
      MDC.remove("request_id");
      inFlight.remove(flight);
      slots.release();
    }
  }

  private void failed(ReceivedJob job, long t0, Throwable e) {
    boolean last = job.message() == null || job.receiveCount() >= declaration.maxReceives();
    Duration delay = last ? Duration.ZERO : backoff.delay(job.receiveCount(), ThreadLocalRandom.current());
    try {
      queue.changeVisibility(job, delay);
    } catch (QueueException q) {
      // the message reappears when its visibility timeout ends: later than planned, never lost
      LOG.warn("Could not reschedule message {} on {}: {}", job.messageId(), declaration.name(), q.getMessage());
    }
    if (last) ages.finished(job);
    else ages.retrying(job, delay.plus(declaration.visibilityTimeout()));
    outcomes.record(last ? JobOutcomeListener.Outcome.DEAD_LETTERED : JobOutcomeListener.Outcome.RETRIED,
        last ? "dead-letter" : "retry in " + delay.toMillis() + " ms", job, t0, e);
  }

  private ScheduledFuture<?> scheduleHeartbeat(InFlight flight) {
    long period = Math.max(500, declaration.visibilityTimeout().toMillis() / 2);
    return heartbeats.scheduleAtFixedRate(() -> {
      if (flight.released) return;
      try {
        queue.changeVisibility(flight.job, declaration.visibilityTimeout());
      } catch (RuntimeException e) {
        LOG.debug("Extending visibility of {} failed: {}", flight.job.messageId(), e.getMessage());
      }
    }, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Stops taking jobs at once: no new receive, the one under way is abandoned
   * ({@link JobQueue#abandonReceives}), and what it or the pool's queue still hold is handed back
   * unstarted. Returns without waiting; {@link #awaitPoller} waits for the poller to end.
   */
  void stopPolling() {
    stopping = true;
    queue.abandonReceives(poller);
  }

  /** Waits for the poller to end (at once when its poll was abandoned; at most one poll wait otherwise). */
  void awaitPoller() throws InterruptedException {
    poller.join(pollWait.plusSeconds(10).toMillis());
    if (poller.isAlive()) LOG.warn("Poller of {} still waits on its receive; stopping without it", declaration.name());
    pool.shutdown();
  }

  /**
   * Waits for running jobs until {@code deadlineNanos} ({@link System#nanoTime()}); then
   * interrupts the rest, and each hands its message back (visibility 0) once its handler ended.
   * A handler still running {@link #INTERRUPTED_WAIT} later keeps its message hidden until the
   * visibility timeout ends (no heartbeat extends it any more): it is redelivered then, never lost.
   */
  void drain(long deadlineNanos) throws InterruptedException {
    long wait = Math.max(0, deadlineNanos - System.nanoTime());
    if (pool.awaitTermination(wait, TimeUnit.NANOSECONDS)) return;
    for (InFlight flight : inFlight) flight.released = true;
    for (Runnable unstarted : pool.shutdownNow()) handBack(((Start) unstarted).job);
    if (pool.awaitTermination(INTERRUPTED_WAIT.toMillis(), TimeUnit.MILLISECONDS)) return;
    for (InFlight flight : inFlight) {
      LOG.warn("Job {} on {} did not end when interrupted; its message returns after the visibility timeout",
          flight.job.messageId(), declaration.name());
    }
  }

  private void release(ReceivedJob job) {
    try {
      queue.changeVisibility(job, Duration.ZERO);
    } catch (QueueException e) {
      LOG.warn("Could not release message {} on {}; it returns after its visibility timeout",
          job.messageId(), declaration.name());
    }
  }

  private boolean pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return !stopping;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** A body that is not a job envelope: never retried into a handler, dead-lettered at once. */
  static final class MalformedJobException extends Exception {
    MalformedJobException() {
      super("message body is not a job envelope");
    }
  }
}
