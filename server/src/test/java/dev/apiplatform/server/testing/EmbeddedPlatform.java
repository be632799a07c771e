package dev.apiplatform.server.testing;

import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.Platform;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.platform.ResourceGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded stores (DynamoDB Local + S3Proxy) and queue (ElasticMQ) a test platform runs on,
 * under one data directory, and the platforms started on them: as a JUnit 5 extension for one
 * test class,
 *
 * <pre>{@code @RegisterExtension static final EmbeddedPlatform stores = new EmbeddedPlatform();}</pre>
 *
 * (a temporary directory, started before the class's {@code @BeforeAll} methods, everything
 * stopped and removed after its {@code @AfterAll} ones), or on a directory of the caller's with
 * {@link #start(Path)} and {@link #close()}. Platforms are closed before the stores they use.
 */
public final class EmbeddedPlatform implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  /** An HTTP/1.1 client for the platforms (the JDK default, HTTP/2, would first try an h2c upgrade). */
  public static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private final Deque<Platform> platforms = new ArrayDeque<>();
  private Path dir;
  private boolean ownsDir;
  private EmbeddedAws stores;
  private EmbeddedSqs queues;

  /** For {@code @RegisterExtension}: starts on a temporary directory before the test class. */
  public EmbeddedPlatform() {}

  /** Starts the stores and the queue under {@code dir} now; {@link #close()} stops them. */
  public static EmbeddedPlatform start(Path dir) {
    EmbeddedPlatform started = new EmbeddedPlatform();
    started.startOn(dir);
    return started;
  }

  private void startOn(Path dataDir) {
    dir = dataDir;
    stores = EmbeddedAws.start(dataDir);
    try {
      queues = EmbeddedSqs.start(dataDir);
    } catch (RuntimeException | Error e) {
      stores.close();
      throw e;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    ownsDir = true;
    startOn(Files.createTempDirectory("embedded-platform"));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  public Path dir() {
    return dir;
  }

  public EmbeddedAws stores() {
    return stores;
  }

  public EmbeddedSqs queues() {
    return queues;
  }

  /** {@code env} on top of {@code PORT=0}, {@code DATA_DIR} and a 1 s shutdown grace, on these stores and queue. */
  public AppConfig config(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(Map.of("PORT", "0", "DATA_DIR", dir.toString(), "SHUTDOWN_GRACE_SECONDS", "1",
        "JOB_SHUTDOWN_GRACE_SECONDS", "1"));
    all.putAll(env);
    return AppConfig.from(all)
        .withStores(stores.dynamoDbEndpoint(), stores.s3Endpoint(),
            new AppConfig.StaticCredentials(stores.accessKeyId(), stores.secretAccessKey()))
        .withQueue(queues.endpoint());
  }

  /** A platform with {@code groups} on {@link #config(Map)}, closed with these stores (or earlier by the caller). */
  public Platform platform(Map<String, String> env, List<ResourceGroup> groups) throws Exception {
    Platform platform = Platform.start(config(env), groups);
    platforms.push(platform);
    return platform;
  }

  /** Closes the platforms started here (newest first), then the queue and the stores; idempotent. */
  @Override
  public void close() {
    while (!platforms.isEmpty()) platforms.pop().close();
    if (queues != null) queues.close();
    if (stores != null) stores.close();
    queues = null;
    stores = null;
    if (ownsDir) delete(dir);
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }
}
