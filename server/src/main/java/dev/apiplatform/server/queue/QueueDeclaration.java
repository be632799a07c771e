package dev.apiplatform.server.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A queue the platform uses, by logical (unprefixed) name. Every declared queue gets a dead-letter
 * queue {@code <name>-dlq} and a redrive policy: a message received {@code maxReceives} times
 * without being deleted moves there on its next receive.
 *
 * @param visibilityTimeout how long a received message stays hidden; the worker runtime extends
 *     it while a job runs, so it only bounds how soon a crashed consumer's message comes back
 * @param retention how long SQS keeps an unconsumed message (both queues; SQS allows 1 min–14 d)
 */
public record QueueDeclaration(String name, int maxReceives, Duration visibilityTimeout, Duration retention) {

  /** SQS allows 80 characters of [A-Za-z0-9_-]; the stage prefix and "-dlq" take up to 9. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,70}");
  public static final Duration DEFAULT_VISIBILITY = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(4);

  public QueueDeclaration {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("Bad queue name: " + name);
    if (maxReceives < 1 || maxReceives > 1000) throw new IllegalArgumentException("maxReceives must be 1..1000");
    if (visibilityTimeout.isNegative() || visibilityTimeout.toSeconds() > 43_200) {
      throw new IllegalArgumentException("visibilityTimeout must be 0..12 h");
    }
    if (retention.toSeconds() < 60 || retention.toSeconds() > 1_209_600) {
      throw new IllegalArgumentException("retention must be 1 min..14 d");
    }
  }

  public static QueueDeclaration of(String name, int maxReceives) {
    return new QueueDeclaration(name, maxReceives, DEFAULT_VISIBILITY, DEFAULT_RETENTION);
  }

  public QueueDeclaration withVisibilityTimeout(Duration timeout) {
    return new QueueDeclaration(name, maxReceives, timeout, retention);
  }

  public String deadLetterName() {
    return name + "-dlq";
  }
}
