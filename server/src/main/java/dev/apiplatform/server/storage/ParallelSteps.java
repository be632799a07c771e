package dev.apiplatform.server.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StorageBootstrap}'s steps (one table, one bucket, one table's index additions) on a
 * bounded pool of daemon threads {@code storage-bootstrap-N}, made for one batch and stopped with it.
 */
final class ParallelSteps {

  // StorageBootstrap's logger, as before: the warning is about the start's storage steps
  private static final Logger LOG = LoggerFactory.getLogger(StorageBootstrap.class);

  private ParallelSteps() {}

  /**
   * Runs the steps {@code width} at a time and returns their results in step order; the first
   * failure (in step order) is thrown, the rest are interrupted, and none is still running when
   * this returns (at most {@code stopWait} after a failure).
   */
  static <T> List<T> run(List<Supplier<T>> steps, int width, Duration stopWait) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(width, r -> {
      Thread t = new Thread(r, "storage-bootstrap-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Supplier<T> step : steps) futures.add(pool.submit(step::get));
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) results.add(result(future));
      return results;
    } finally {
      // after a failure the other steps are interrupted; none may still call a client once this
      // returns (the caller closes the clients)
      pool.shutdownNow();
      awaitStopped(pool, stopWait);
    }
  }

  private static void awaitStopped(ExecutorService pool, Duration stopWait) {
    try {
      if (!pool.awaitTermination(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Start: a table or bucket step did not stop within {} after a failure", stopWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> T result(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the tables and buckets are created", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error error) throw error;
      throw new IllegalStateException("creating the tables and buckets failed", e.getCause());
    }
  }
}
