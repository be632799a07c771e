package dev.apiplatform.server.metrics;

import dev.apiplatform.server.http.Contract;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request count and latency per contract operation and status ({@code http_server_requests_seconds},
 * labels {@code operation} and {@code status}), and per-user totals for
 * {@code GET /api/v1/metrics/user/{user_id}}.
 *
 * <p>The request path allocates nothing once warm: each operation has a table of timers indexed
 * by status, built at start with the operation's documented statuses; a status seen for the first
 * time registers its timer once. The operation comes from {@code OperationResolver}'s table (the
 * same {@link Contract.Operation} instances), looked up by identity; no raw path is ever a label.
 * The histogram has a fixed set of 12 buckets (not Micrometer's ~70 percentile buckets), which
 * keeps both the recording and the exposition small.
 */
final class RequestMetrics {

  static final String NAME = "http.server.requests";
  static final String UNMATCHED = "unmatched";
  static final int MAX_TRACKED_USERS = 10_000;
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10)};

  /** Per-user totals since the start; {@code lastMillis} 0 until the first request. */
  static final class UserTotals {
    final LongAdder total = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    final LongAdder serverErrors = new LongAdder();
    final LongAdder nanos = new LongAdder();
    volatile long lastMillis;
  }

  /** Totals over a set of timers. */
  record Totals(long total, long clientErrors, long serverErrors, double meanMillis) {}

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<Contract.Operation, OperationTimers> byOperation = new IdentityHashMap<>();
  private final OperationTimers unmatched;
  private final ConcurrentHashMap<String, UserTotals> users = new ConcurrentHashMap<>();

  RequestMetrics(MeterRegistry registry, Contract contract, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    for (Contract.Operation op : contract.operations()) {
      OperationTimers timers = new OperationTimers(op.operationId());
      timers.timer(op.successStatus()); // the series a dashboard expects exists before the first call
      byOperation.put(op, timers);
    }
    this.unmatched = new OperationTimers(UNMATCHED);
  }

  /** Records one answered request; {@code op} null when it matched no operation, {@code userId} null when anonymous. */
  void record(Contract.Operation op, int status, long nanos, String userId) {
    OperationTimers timers = op == null ? unmatched : byOperation.getOrDefault(op, unmatched);
    timers.timer(status).record(nanos, TimeUnit.NANOSECONDS);
    if (userId != null) countUser(userId, status, nanos);
  }

  private void countUser(String userId, int status, long nanos) {
    UserTotals totals = users.get(userId);
    if (totals == null) {
      if (users.size() >= MAX_TRACKED_USERS) return;
      totals = users.computeIfAbsent(userId, id -> new UserTotals());
    }
    totals.total.increment();
    if (status >= 500) totals.serverErrors.increment();
    else if (status >= 400) totals.clientErrors.increment();
    totals.nanos.add(nanos);
    totals.lastMillis = clock.millis();
  }

  /** The user's totals, or null when not tracked (never seen here, or past the limit). */
  UserTotals user(String userId) {
    return users.get(userId);
  }

  /** Whether a user with no totals yet would be tracked. */
  boolean tracksMore() {
    return users.size() < MAX_TRACKED_USERS;
  }

  /** Totals over every operation and status. */
  Totals totals() {
    long total = 0, client = 0, server = 0;
    double nanos = 0;
    List<OperationTimers> all = new ArrayList<>(byOperation.values());
    all.add(unmatched);
    for (OperationTimers timers : all) {
      for (int status = 100; status < 600; status++) {
        Timer t = timers.byStatus.get(status - 100);
        if (t == null) continue;
        long count = t.count();
        total += count;
        if (status >= 500) server += count;
        else if (status >= 400) client += count;
        nanos += t.totalTime(TimeUnit.NANOSECONDS);
      }
    }
    return new Totals(total, client, server, total == 0 ? 0 : nanos / total / 1e6);
  }

  /** One operation's timers by status (100..599; anything else is counted as 599). */
  private final class OperationTimers {
    final String operationId;
    final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(500);

    OperationTimers(String operationId) {
      this.operationId = operationId;
    }

    Timer timer(int status) {
      int s = status < 100 || status > 599 ? 599 : status;
      Timer t = byStatus.get(s - 100);
      if (t == null) {
        // registering the same id twice returns the same timer: a race here is harmless
        t = Timer.builder(NAME).description("Requests answered, by contract operation and status")
            .tag("operation", operationId).tag("status", Integer.toString(s))
            .serviceLevelObjectives(BUCKETS).register(registry);
        byStatus.set(s - 100, t);
      }
      return t;
    }
  }
}
