package dev.apiplatform.server;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs until SIGTERM or SIGINT, then closes everything in reverse order and exits 0. A plain
 * shutdown hook would exit 143 on SIGTERM; orchestrators read that as a crash.
 */
public final class Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  private Lifecycle() {}

  /** Blocks the calling thread until a stop signal, then closes {@code closeables} last-first. */
  public static void runUntilSignalled(List<AutoCloseable> closeables) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());
    stop.await();
    LOG.info("Stop signal received; finishing in-flight requests");
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.warn("Error while stopping", e);
      }
    }
    System.exit(0);
  }
}
