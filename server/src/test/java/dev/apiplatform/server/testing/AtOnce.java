package dev.apiplatform.server.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Races for tests: every task on a thread of its own, all released at one moment, so they meet
 * in the code under test (a conditional write, a compare-and-set) instead of running one after
 * another. Each task has 60 s; a task still running then fails the test.
 */
public final class AtOnce {

  /** What one task gave: its value, or what it threw. */
  public record Outcome<T>(T value, Throwable failure) {
    public boolean succeeded() {
      return failure == null;
    }
  }

  private AtOnce() {
  }

  /** {@code n} tasks, the {@code i}-th made by {@code task.apply(i)} before any starts. */
  public static <T> List<Outcome<T>> run(int n, IntFunction<Callable<T>> task) throws InterruptedException {
    List<Callable<T>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) tasks.add(task.apply(i));
    return run(tasks);
  }

  /** The outcomes, in the order of {@code tasks}. */
  public static <T> List<Outcome<T>> run(List<? extends Callable<T>> tasks) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          go.await();
          return task.call();
        }));
      }
      go.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          outcomes.add(new Outcome<>(f.get(60, TimeUnit.SECONDS), null));
        } catch (ExecutionException e) {
          outcomes.add(new Outcome<>(null, e.getCause()));
        } catch (java.util.concurrent.TimeoutException e) {
          throw new AssertionError("a raced task was still running after 60 s", e);
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The values of {@code n} tasks that must all succeed; the first failure fails the test. */
  public static <T> List<T> values(int n, IntFunction<Callable<T>> task) throws InterruptedException {
    List<T> values = new ArrayList<>();
    for (Outcome<T> o : run(n, task)) {
      if (!o.succeeded()) throw new AssertionError("a raced task failed: " + o.failure(), o.failure());
      values.add(o.value());
    }
    return values;
  }
}
