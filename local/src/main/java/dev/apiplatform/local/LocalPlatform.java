package dev.apiplatform.local;

import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;

import dev.apiplatform.server.Platform;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.platform.Groups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The platform as `make run` and the tests start it: with {@code STORES=embedded} (the default)
 * DynamoDB Local, S3Proxy and ElasticMQ (the SQS of the job queue, {@link SharedSqs}) start in
 * parallel, in this process, persisted under {@code DATA_DIR}, and the server is pointed at them
 * with the same SDK clients it uses against AWS. The platform starts once DynamoDB Local and
 * S3Proxy are up; ElasticMQ's endpoint reaches it as a future that only the declaration of the
 * queues waits for ({@link Platform#start(AppConfig, java.util.List, CompletionStage)}). If any
 * of the three fails, the start fails with its exception and whatever started is stopped. With
 * {@code STORES=aws} nothing embedded starts and the endpoint is the configuration's, known at once.
 */
public final class LocalPlatform implements AutoCloseable {

  private final Platform platform;
  private final EmbeddedAws stores;

  private LocalPlatform(Platform platform, EmbeddedAws stores) {
    this.platform = platform;
    this.stores = stores;
  }

  public static LocalPlatform start(AppConfig config) {
    EmbeddedAws stores = null;
    AppConfig effective = config;
    CompletableFuture<EmbeddedSqs> sqs = null;
    CompletionStage<Optional<URI>> sqsEndpoint = CompletableFuture.completedFuture(config.aws().sqsEndpoint());
    try {
      if (config.aws().stores() == AppConfig.Stores.EMBEDDED) {
        // ElasticMQ (Pekko, H2 restore: the slowest of the three) on a thread of its own while
        // DynamoDB Local and S3Proxy start on this one and the next; the platform does not wait
        // for it: only its queue declaration does, beside the tables and buckets (issue 15)
        sqs = startSqs(config);
        stores = EmbeddedAws.start(config.dataDir());
        effective = config.withStores(stores.dynamoDbEndpoint(), stores.s3Endpoint(),
            new AppConfig.StaticCredentials(stores.accessKeyId(), stores.secretAccessKey()));
        sqsEndpoint = sqs.thenApply(queues -> Optional.of(queues.endpoint()));
      }
      return new LocalPlatform(Platform.start(effective, Groups.all(), sqsEndpoint), stores);
    } catch (IOException | RuntimeException e) {
      // the SQS start is waited for (it may still run when DynamoDB Local or S3Proxy failed) and
      // given back if it succeeded; a failed one has taken no share of SharedSqs
      if (sqs != null && sqs.handle((queues, failure) -> failure == null).join()) SharedSqs.release();
      if (stores != null) stores.close();
      if (e instanceof IOException io) throw new UncheckedIOException(io);
      throw (RuntimeException) e;
    }
  }

  private static CompletableFuture<EmbeddedSqs> startSqs(AppConfig config) {
    CompletableFuture<EmbeddedSqs> started = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        started.complete(SharedSqs.acquire(config.dataDir()));
      } catch (RuntimeException e) {
        started.completeExceptionally(e);
      } catch (Throwable t) {
        // as a RuntimeException, which the core's and this class's clean-up catch
        started.completeExceptionally(new IllegalStateException("Embedded SQS did not start", t));
      }
    }, "embedded-sqs-start");
    thread.setDaemon(true);
    thread.start();
    return started;
  }

  public URI baseUri() {
    return platform.baseUri();
  }

  public Platform platform() {
    return platform;
  }

  /** The embedded stores, when this runtime started them. */
  public Optional<EmbeddedAws> stores() {
    return Optional.ofNullable(stores);
  }

  /** Stops the server gracefully first, then the stores it was using. */
  @Override
  public void close() {
    platform.close();
    if (stores != null) {
      SharedSqs.release();
      stores.close();
    }
  }
}
