package dev.apiplatform.server.queue;

import dev.apiplatform.server.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.net.URI;

/**
 * The queue's section of the configuration, read from environment variables (names below). A bad
 * value stops the start with a message naming the variable, as everywhere in {@code AppConfig}.
 *
 * @param workers whether this process runs the worker runtime ({@code WORKERS=on|off}); the
 *     embedded runtime defaults to on, the production server to off (workers run in their own
 *     process, {@code dev.apiplatform.server.worker.WorkerMain})
 * @param sqsEndpoint {@code SQS_ENDPOINT}: overrides the SQS endpoint (ElasticMQ, LocalStack)
 * @param maxReceives {@code QUEUE_MAX_RECEIVES}: deliveries before a message moves to its DLQ
 * @param visibilityTimeout {@code QUEUE_VISIBILITY_TIMEOUT_SECONDS}: hidden time of a received message
 * @param pollWait {@code QUEUE_POLL_WAIT_SECONDS}: long-poll wait (0..20); also bounds how long a stop waits for a poll
 * @param concurrency {@code WORKER_CONCURRENCY}: jobs run at once per queue
 * @param backoffBase {@code JOB_RETRY_BASE_MS}: first retry delay; doubles per attempt, jittered
 * @param backoffMax {@code JOB_RETRY_MAX_SECONDS}: largest retry delay
 * @param healthMaxDepth {@code QUEUE_HEALTH_MAX_DEPTH}: /health is degraded above this depth
 * @param healthMaxAge {@code QUEUE_HEALTH_MAX_AGE_SECONDS}: /health is degraded when the oldest
 *     waiting message seen is older
 */
public record QueueSettings(boolean workers, Optional<URI> sqsEndpoint, int maxReceives, Duration visibilityTimeout,
    Duration pollWait, int concurrency, Duration backoffBase, Duration backoffMax, long healthMaxDepth,
    Duration healthMaxAge) {

  public static QueueSettings fromEnvironment(Map<String, String> env, boolean workersByDefault) {
    String w = env.getOrDefault("WORKERS", workersByDefault ? "on" : "off").trim().toLowerCase();
    if (!w.equals("on") && !w.equals("off")) throw new ConfigException("WORKERS must be on or off, not: " + w);
    Optional<URI> endpoint = Optional.ofNullable(env.get("SQS_ENDPOINT")).filter(s -> !s.isBlank()).map(s -> {
      try {
        URI uri = URI.create(s.trim());
        if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException();
        return uri;
      } catch (IllegalArgumentException e) {
        throw new ConfigException("SQS_ENDPOINT must be an absolute URL, not: " + s);
      }
    });
    return new QueueSettings(w.equals("on"), endpoint,
        integer(env, "QUEUE_MAX_RECEIVES", 5, 1, 1000),
        Duration.ofSeconds(integer(env, "QUEUE_VISIBILITY_TIMEOUT_SECONDS", 30, 1, 43_200)),
        Duration.ofSeconds(integer(env, "QUEUE_POLL_WAIT_SECONDS", 10, 0, 20)),
        integer(env, "WORKER_CONCURRENCY", 4, 1, 256),
        Duration.ofMillis(integer(env, "JOB_RETRY_BASE_MS", 2000, 1, 3_600_000)),
        Duration.ofSeconds(integer(env, "JOB_RETRY_MAX_SECONDS", 300, 1, 43_200)),
        integer(env, "QUEUE_HEALTH_MAX_DEPTH", 1000, 0, Integer.MAX_VALUE),
        Duration.ofSeconds(integer(env, "QUEUE_HEALTH_MAX_AGE_SECONDS", 300, 1, 1_209_600)));
  }

  /** The declaration of {@code name} with these settings' receive limit and visibility timeout. */
  public QueueDeclaration declare(String name) {
    return new QueueDeclaration(name, maxReceives, visibilityTimeout, QueueDeclaration.DEFAULT_RETENTION);
  }

  public Backoff backoff() {
    return new Backoff(backoffBase, backoffMax);
  }

  private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) return fallback;
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < min || value > max) throw new NumberFormatException();
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be an integer in " + min + ".." + max + ", not: " + raw);
    }
  }
}
