package dev.apiplatform.server.queue;

import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * The queue's section of the configuration, read from environment variables (names below). A bad
 * value stops the start with a message naming the variable, as everywhere in {@code AppConfig}.
 *
 * @param workers whether this process runs the worker runtime ({@code WORKERS=on|off}); the
 *     embedded runtime defaults to on, the production server to off (workers run in their own
 *     process, {@code dev.apiplatform.server.worker.WorkerMain})
 * @param maxReceives {@code QUEUE_MAX_RECEIVES}: deliveries before a message moves to its DLQ
 * @param visibilityTimeout {@code QUEUE_VISIBILITY_TIMEOUT_SECONDS}: hidden time of a received message
 * @param pollWait {@code QUEUE_POLL_WAIT_SECONDS}: long-poll wait (0..20); a stop abandons a poll
 *     under way rather than waiting for it ({@code JobQueue#abandonReceives})
 * @param concurrency {@code WORKER_CONCURRENCY}: jobs run at once per queue
 * @param backoffBase {@code JOB_RETRY_BASE_MS}: first retry delay; doubles per attempt, jittered
 * @param backoffMax {@code JOB_RETRY_MAX_SECONDS}: largest retry delay
 * @param healthMaxDepth {@code QUEUE_HEALTH_MAX_DEPTH}: /health is degraded above this depth
 * @param healthMaxAge {@code QUEUE_HEALTH_MAX_AGE_SECONDS}: /health is degraded when the oldest
 *     message the workers of this process hold is older (see {@code QueueAges})
 * @param statsTtl {@code QUEUE_STATS_CACHE_MS}: how long {@code QueueStats} reuses one reading of
 *     the queues' counts (default 5 s, so /health polled every second stays cheap)
 * @param shutdownGrace {@code JOB_SHUTDOWN_GRACE_SECONDS} (default 5, 0..300): how long a stop lets
 *     running jobs finish; then they are interrupted and, once ended, handed back to the queue
 *     (visibility 0). It runs alongside the HTTP server's own {@code SHUTDOWN_GRACE_SECONDS}, so a
 *     stop with jobs under way ends within about the larger of the two; 5 s keeps it under a
 *     container orchestrator's usual 10 s before SIGKILL (and a SIGKILL loses nothing either: the
 *     message comes back after its visibility timeout)
 */
public record QueueSettings(boolean workers, int maxReceives, Duration visibilityTimeout,
    Duration pollWait, int concurrency, Duration backoffBase, Duration backoffMax, long healthMaxDepth,
    Duration healthMaxAge, Duration statsTtl, Duration shutdownGrace) {

  public static QueueSettings fromEnvironment(Map<String, String> env, boolean workersByDefault) {
    return from(new Env(env), workersByDefault);
  }

  /** @param workersByDefault the entry point's default: on in the local runtime, off in the production server */
  public static QueueSettings from(Env env, boolean workersByDefault) {
    String w = env.string("WORKERS", workersByDefault ? "on" : "off").toLowerCase();
    if (!w.equals("on") && !w.equals("off")) throw new ConfigException("WORKERS must be on or off, got '" + w + "'");
    return new QueueSettings(w.equals("on"),
        env.integer("QUEUE_MAX_RECEIVES", 5, 1, 1000),
        Duration.ofSeconds(env.integer("QUEUE_VISIBILITY_TIMEOUT_SECONDS", 30, 1, 43_200)),
        Duration.ofSeconds(env.integer("QUEUE_POLL_WAIT_SECONDS", 10, 0, 20)),
        env.integer("WORKER_CONCURRENCY", 4, 1, 256),
        Duration.ofMillis(env.integer("JOB_RETRY_BASE_MS", 2000, 1, 3_600_000)),
        Duration.ofSeconds(env.integer("JOB_RETRY_MAX_SECONDS", 300, 1, 43_200)),
        env.integer("QUEUE_HEALTH_MAX_DEPTH", 1000, 0, Integer.MAX_VALUE),
        Duration.ofSeconds(env.integer("QUEUE_HEALTH_MAX_AGE_SECONDS", 300, 1, 1_209_600)),
        Duration.ofMillis(env.integer("QUEUE_STATS_CACHE_MS", 5000, 0, 300_000)),
        Duration.ofSeconds(env.integer("JOB_SHUTDOWN_GRACE_SECONDS", 5, 0, 300)));
  }

  /** The declaration of {@code name} with these settings' receive limit and visibility timeout. */
  public QueueDeclaration declare(String name) {
    return new QueueDeclaration(name, maxReceives, visibilityTimeout, QueueDeclaration.DEFAULT_RETENTION);
  }

  public Backoff backoff() {
    return new Backoff(backoffBase, backoffMax);
  }
}
