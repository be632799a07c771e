package dev.apiplatform.server.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.HttpServerProbe;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work a start leaves for later (the workers' first polls, the gazetteer's load): it runs once,
 * on the thread "after-start", as soon as the platform has answered its first request, or
 * {@code settle} after it listens if no request comes, whichever is first; never after
 * {@link #close}. Run at once after the listener opened, it shared the 2 cores with the first
 * requests: listening to the first 200 on {@code /health} took ~220 ms where it takes ~90 ms when the
 * first answer goes first (issue 15, bench/README.md "settle").
 *
 * <p>The first answer is seen by a Grizzly {@link HttpServerProbe}: it must be armed before the
 * server starts ({@link #AfterStart}), because each listener's {@link HttpServerFilter} copies the
 * server's probes when it is built, at start. Once fired, it is removed from the server and from
 * every listener, so requests stop paying for it.
 */
public final class AfterStart implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AfterStart.class);

  private final HttpServer server;
  private final List<Runnable> actions;
  private final Duration settle;
  private final ScheduledExecutorService thread;
  private final HttpServerProbe probe = new HttpServerProbe.Adapter() {
    @Override
    public void onRequestCompleteEvent(HttpServerFilter filter, Connection connection, Response response) {
      fire();
    }
  };
  private boolean fired;
  private boolean closed;

  /** Arms the first-answer trigger on {@code server}, which must not have started yet. */
  public AfterStart(HttpServer server, List<Runnable> actions, Duration settle) {
    this.server = server;
    this.actions = List.copyOf(actions);
    this.settle = settle;
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "after-start");
      t.setDaemon(true);
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    this.thread = executor;
    server.getServerConfiguration().getMonitoringConfig().getWebServerConfig().addProbes(probe);
  }

  /** The server listens: the actions run after its first answer, or after {@code settle} at the latest. */
  public synchronized void begin() {
    if (closed || fired) return;
    thread.schedule(this::fire, settle.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the actions have been handed to the after-start thread (tests). */
  public synchronized boolean fired() {
    return fired;
  }

  private synchronized void fire() {
    if (fired || closed) return;
    fired = true;
    thread.execute(this::runActions);
  }

  private void runActions() {
    disarm();
    // its one use is over: the thread ends once this returns instead of idling until close
    thread.shutdown();
    synchronized (this) {
      if (closed) return;
      for (Runnable action : actions) {
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.error("After-start action {} failed", action, e);
        }
      }
    }
  }

  private void disarm() {
    server.getServerConfiguration().getMonitoringConfig().getWebServerConfig().removeProbes(probe);
    for (NetworkListener listener : server.getListeners()) {
      HttpServerFilter filter = listener.getHttpServerFilter();
      if (filter != null) filter.getMonitoringConfig().removeProbes(probe);
    }
  }

  /**
   * No action runs from now on; actions already running finish first (they return at once), so
   * whatever the caller closes next has either been started or never will be. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    thread.shutdownNow();
    disarm();
  }
}
