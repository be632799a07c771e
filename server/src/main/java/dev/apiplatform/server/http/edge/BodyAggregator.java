package dev.apiplatform.server.http.edge;

import dev.apiplatform.server.http.edge.EdgeProblems.Rejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpBrokenContent;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a request body without a thread before the request goes on to Grizzly's server filter
 * and Jersey. Jersey reads bodies with blocking reads, so a body arriving slowly used to hold a
 * worker thread for as long as its client wished: four such clients stopped the server. Here a
 * body is appended chunk by chunk as the selector delivers it, and the request is handed on only
 * when its last byte is in, so a worker never waits for a client.
 *
 * <p>What that buffering could cost is bounded: a body over {@code maxBodyBytes} is 413 at once
 * (by Content-Length) or as soon as the count passes it (chunked); at most {@code
 * maxPendingBodies} bodies are collected at a time (503 beyond); and a reaper answers 408 to a
 * body that stalls for {@code bodyIdleTimeout} or, after {@code rateGrace}, arrives slower than
 * {@code minBodyBytesPerSecond}. A client that leaves mid-body is logged as a client abort.
 *
 * <p>An operation the contract marks {@code x-body: mode: stream} ({@link BodyRoutes}) is the one
 * exception: its body is handed on chunk by chunk to a resource that streams it elsewhere, under
 * its own limit, at most {@code maxStreamedBodies} at a time, and watched by the same reaper.
 */
final class BodyAggregator extends BaseFilter {

  private static final Logger LOG = LoggerFactory.getLogger(BodyAggregator.class);
  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** How long a rejected upload may go on being drained before its connection is closed. */
  static final java.time.Duration DRAIN_LIMIT = java.time.Duration.ofSeconds(5);
  private final EdgeSettings settings;
  private final Map<Connection<?>, Pending> pending = new ConcurrentHashMap<>();
  private final Attribute<Boolean> rejected = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("platform.edge.rejected");
  private final Attribute<Boolean> watched = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("platform.edge.watched");
  /** One daemon thread for every server of the process; each server's task ends with its server. */
  private static final ScheduledExecutorService REAPER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "edge-body-reaper");
    t.setDaemon(true);
    return t;
  });
  private final BooleanSupplier serverRunning;
  private volatile boolean seenRunning;
  private ScheduledFuture<?> task;

  private static final class Pending {
    final HttpRequestPacket request;
    /** Set for a streamed body: its chunks are counted here, not collected. */
    final BodyRoutes.Route route;
    final long startedNanos = System.nanoTime();
    volatile long received;
    volatile long lastProgressNanos = startedNanos;

    Pending(HttpRequestPacket request, BodyRoutes.Route route) {
      this.request = request;
      this.route = route;
    }
  }

  BodyAggregator(EdgeSettings settings, BooleanSupplier serverRunning) {
    this.settings = settings;
    this.serverRunning = serverRunning;
    long tick = Math.max(50, Math.min(1000, settings.bodyIdleTimeout().toMillis() / 4));
    task = REAPER.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    boolean running = serverRunning.getAsBoolean();
    if (running) seenRunning = true;
    else if (seenRunning) task.cancel(false); // the server has stopped
    reap();
  }

  int pendingBodies() {
    return pending.size();
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    Object message = ctx.getMessage();
    if (!(message instanceof HttpContent content)) return ctx.getInvokeAction();
    Connection<?> connection = ctx.getConnection();
    if (Boolean.TRUE.equals(rejected.get(connection))) { // answered already; the rest is discarded
      boolean last = content.isLast();
      content.recycle();
      if (last) connection.closeSilently(); // drained: the client has read its answer by now
      return ctx.getStopAction();
    }
    if (content instanceof HttpBrokenContent) { // the codec has answered 400 and closes
      pending.remove(connection);
      return ctx.getStopAction();
    }
    HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
    if (request.isUpgrade()) {
      // a WebSocket upgrade no channel took (they come before this filter): its stream would never
      // end, and what follows the head is not HTTP, so it is answered at once and closed
      reject(connection, request, Rejection.of(400, "Nothing at this path takes a WebSocket upgrade"), "");
      return ctx.getStopAction();
    }
    long received = content.getContent().remaining();
    Pending p = pending.get(connection);
    if (p != null && p.route != null) return streamOn(ctx, connection, content, p, received);
    BodyRoutes.Route route = p == null
        ? settings.routes().match(request.getMethodDC().toString(), request.getRequestURI()).orElse(null) : null;
    if (route != null && route.streamed()) return streamStart(ctx, connection, content, request, route, received);
    long max = route == null ? settings.maxBodyBytes() : route.maxBytes();
    if (request.getContentLength() > max || received > max) {
      pending.remove(connection);
      rejectWhileSending(connection, request, tooLarge(max), "");
      return ctx.getStopAction();
    }
    if (content.isLast()) {
      // the whole body is in: hand it on, unless the reaper has answered in the meantime
      if (p != null && !pending.remove(connection, p)) return ctx.getStopAction();
      return ctx.getInvokeAction();
    }
    if (p == null) {
      if (pending.size() >= settings.maxPendingBodies()) {
        rejectWhileSending(connection, request,
            Rejection.of(503, "Too many request bodies are being received; retry shortly"), "Retry-After: 1\r\n");
        return ctx.getStopAction();
      }
      p = new Pending(request, null);
      pending.put(connection, p);
      watchClose(connection);
      acknowledge(connection, request);
    }
    if (received > p.received) {
      p.received = received;
      p.lastProgressNanos = System.nanoTime();
    }
    return ctx.getStopAction(content); // Grizzly appends the next chunk to this one
  }

  /**
   * The first chunk of a streamed body ({@code x-body: mode: stream}): checked against the
   * operation's own limit by its Content-Length (required: 411 without), then handed on at once.
   * Later chunks reach {@link #streamOn} through the resource's blocking reads; the body stays
   * watched by the reaper until its last byte, so a stalled or crawling upload is 408 here too.
   */
  private NextAction streamStart(FilterChainContext ctx, Connection<?> connection, HttpContent content,
      HttpRequestPacket request, BodyRoutes.Route route, long received) {
    long length = request.getContentLength();
    if (length < 0) {
      rejectWhileSending(connection, request,
          Rejection.of(411, "This operation streams its body and needs a Content-Length header"), "");
      return ctx.getStopAction();
    }
    if (length > route.maxBytes()) {
      rejectWhileSending(connection, request, tooLarge(route.maxBytes()), "");
      return ctx.getStopAction();
    }
    if (content.isLast()) return ctx.getInvokeAction();
    if (streamedBodies() >= settings.maxStreamedBodies() || pending.size() >= settings.maxPendingBodies()) {
      rejectWhileSending(connection, request,
          Rejection.of(503, "Too many request bodies are being received; retry shortly"), "Retry-After: 1\r\n");
      return ctx.getStopAction();
    }
    Pending p = new Pending(request, route);
    p.received = received;
    pending.put(connection, p);
    watchClose(connection);
    acknowledge(connection, request);
    return ctx.getInvokeAction();
  }

  private NextAction streamOn(FilterChainContext ctx, Connection<?> connection, HttpContent content, Pending p,
      long received) {
    if (received > 0) {
      p.received += received;
      p.lastProgressNanos = System.nanoTime();
    }
    if (content.isLast() && !pending.remove(connection, p)) return ctx.getStopAction(); // the reaper answered
    return ctx.getInvokeAction();
  }

  private int streamedBodies() {
    int n = 0;
    for (Pending p : pending.values()) if (p.route != null) n++;
    return n;
  }

  private static void acknowledge(Connection<?> connection, HttpRequestPacket request) {
    if (request.requiresAcknowledgement()) {
      // the client waits for this before sending the body; the handler sends another one later,
      // which clients ignore (RFC 9110 §15.2: a client must accept 1xx it did not wait for)
      connection.write(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, CONTINUE));
    }
  }

  private static Rejection tooLarge(long max) {
    return Rejection.of(413, "The request body exceeds " + max + " bytes");
  }

  private void watchClose(Connection<?> connection) {
    if (watched.get(connection) != null) return;
    watched.set(connection, Boolean.TRUE);
    connection.addCloseListener((closeable, type) -> {
      Pending gone = pending.remove(connection);
      if (gone != null) {
        // not a server error: the client went away before sending all it announced
        LOG.info("Client aborted mid-body: {} {} after {} bytes (remote {})", gone.request.getMethodDC().toString(),
            gone.request.getRequestURI(), gone.received, gone.request.getRemoteAddress());
      }
    });
  }

  /** Answers 408 to bodies that stalled or crawl below the minimum rate. */
  void reap() {
    long now = System.nanoTime();
    long idleLimit = settings.bodyIdleTimeout().toNanos();
    long grace = settings.rateGrace().toNanos();
    for (Map.Entry<Connection<?>, Pending> e : pending.entrySet()) {
      Pending p = e.getValue();
      long elapsed = now - p.startedNanos;
      boolean stalled = now - p.lastProgressNanos > idleLimit;
      boolean crawling = elapsed > grace
          && p.received * 1_000_000_000.0 / elapsed < settings.minBodyBytesPerSecond();
      if ((stalled || crawling) && pending.remove(e.getKey(), p)) {
        String detail = stalled
            ? "The request body stopped arriving for " + settings.bodyIdleTimeout().toSeconds() + " s"
            : "The request body arrived slower than " + settings.minBodyBytesPerSecond() + " bytes per second";
        try {
          reject(e.getKey(), p.request, Rejection.of(408, detail), "");
        } catch (RuntimeException ex) {
          LOG.debug("Could not answer 408 on a closing connection", ex);
        }
      }
    }
  }

  private void reject(Connection<?> connection, HttpRequestPacket request, Rejection r, String extraHeaders) {
    answer(connection, request, r, extraHeaders);
    connection.closeSilently(); // graceful: queued writes are flushed first
  }

  /**
   * For a client that is still sending (413, 503): closing at once would reset the connection
   * under unread bytes and the client could lose the answer. The rest of the body is read and
   * discarded, and the connection closed after its last byte or after {@link #DRAIN_LIMIT}.
   */
  private void rejectWhileSending(Connection<?> connection, HttpRequestPacket request, Rejection r, String extra) {
    answer(connection, request, r, extra);
    REAPER.schedule(() -> {
      connection.closeSilently();
    }, DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void answer(Connection<?> connection, HttpRequestPacket request, Rejection r, String extraHeaders) {
    rejected.set(connection, Boolean.TRUE);
    EdgeProblems.answer(connection, request, r, settings.securityHeaders(), extraHeaders);
  }
}
