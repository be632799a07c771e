package dev.apiplatform.server.queue;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.Stage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Physical queue names: {@code <stage>-<namespace>-<logical>} ({@code prod-platform-notifications}),
 * like bucket names. The namespace keeps platforms that share one SQS apart: two stacks in one
 * account, or several platforms of one test JVM on its one ElasticMQ, which would otherwise consume
 * each other's messages (and fail to open them: each seals its payloads with its own key).
 *
 * @param namespace {@code QUEUE_NAMESPACE}; by default {@code BUCKET_NAMESPACE} against AWS, and in
 *     the embedded runtime {@code local-} and a hash of {@code DATA_DIR}: the messages belong to that
 *     directory's accounts, a restart on it finds them again, another directory never sees them
 */
public record QueueNames(Stage stage, String namespace) {

  /** Lowercase like bucket namespaces; with the stage, "-" and "-dlq" a logical name keeps 30 characters. */
  private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,39}$");

  public QueueNames {
    Objects.requireNonNull(stage, "stage");
    if (!NAMESPACE.matcher(namespace).matches()) throw new IllegalArgumentException("Bad queue namespace: " + namespace);
  }

  public static QueueNames of(AppConfig config) {
    String fallback = config.aws().stores() == AppConfig.Stores.AWS
        ? config.aws().bucketNamespace()
        : "local-" + hash(config.dataDir().toAbsolutePath().normalize().toString());
    return new QueueNames(config.stage(), config.env().matching("QUEUE_NAMESPACE", fallback, NAMESPACE.pattern(),
        "lowercase letters, digits and '-', at most 40"));
  }

  public String physical(String logicalName) {
    return stage.prefix() + namespace + "-" + logicalName;
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
