package dev.apiplatform.server.queue;

import java.io.IOException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The SQS client's HTTP client, able to abandon a long poll: a stop must not wait out a
 * ReceiveMessage that holds its connection for up to {@code QUEUE_POLL_WAIT_SECONDS} (issue 15:
 * ~18 s per stop). {@link SqsJobQueue#receive} runs its call inside {@link #receive}, which marks the
 * HTTP request as the calling thread's receive; {@link #abandon(Thread)} aborts that request (the
 * connection is closed) and refuses every later receive of the thread. The abandoned call ends with
 * {@link Abandoned}, which is neither an {@link IOException} nor retryable, so the SDK gives up at
 * once instead of retrying. Sends, deletes and visibility changes are never touched: a stopping
 * platform still enqueues, and releases what it holds.
 *
 * <p>What SQS may already have handed to the abandoned poll is not lost: it stays hidden for the
 * queue's visibility timeout, then is delivered again.
 */
final class AbandonableReceives implements SdkHttpClient {

  /** Ends an abandoned receive: the caller stops polling, it did not fail. */
  static final class Abandoned extends RuntimeException {
    Abandoned(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final ThreadLocal<Boolean> RECEIVING = new ThreadLocal<>();

  private final SdkHttpClient delegate;
  private final Set<Call> running = ConcurrentHashMap.newKeySet();
  private final Set<Thread> abandoned = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private final AtomicLong aborted = new AtomicLong();

  AbandonableReceives(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  /** Runs {@code call} (one SDK ReceiveMessage) as the calling thread's receive. */
  <T> T receive(Supplier<T> call) {
    RECEIVING.set(Boolean.TRUE);
    try {
      return call.get();
    } finally {
      RECEIVING.remove();
    }
  }

  /** Aborts the receive {@code thread} has under way, if any, and refuses its later ones. */
  void abandon(Thread thread) {
    abandoned.add(thread);
    for (Call call : running) {
      if (call.thread == thread) call.abandon();
    }
  }

  /** How many receives wait on their connection now (tests wait for a poll to be under way). */
  int underWay() {
    return running.size();
  }

  /** How many receives were ended while waiting on the connection. */
  long aborted() {
    return aborted.get();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest prepared = delegate.prepareRequest(request);
    return RECEIVING.get() == Boolean.TRUE ? new Call(prepared, Thread.currentThread()) : prepared;
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private final class Call implements ExecutableHttpRequest {
    final ExecutableHttpRequest delegate;
    final Thread thread;
    /** Set by {@link AbandonableReceives#abandon(Thread)} only: the SDK's own attempt timeout aborts too, and stays a failure. */
    volatile boolean abandonRequested;

    Call(ExecutableHttpRequest delegate, Thread thread) {
      this.delegate = delegate;
      this.thread = thread;
    }

    @Override
    public HttpExecuteResponse call() throws IOException {
      running.add(this);
      try {
        // checked after registering: an abandon() in between either sees this call or is seen here
        if (abandoned.contains(thread)) throw new Abandoned("receive refused: the poller is stopping", null);
        return delegate.call();
      } catch (IOException | RuntimeException e) {
        if (!abandonRequested || e instanceof Abandoned) throw e;
        aborted.incrementAndGet();
        throw new Abandoned("receive abandoned: the poller is stopping", e);
      } finally {
        running.remove(this);
      }
    }

    void abandon() {
      abandonRequested = true;
      delegate.abort();
    }

    @Override
    public void abort() {
      delegate.abort();
    }
  }
}
