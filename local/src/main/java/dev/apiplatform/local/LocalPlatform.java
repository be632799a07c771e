package dev.apiplatform.local;

import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;

import dev.apiplatform.server.Platform;
import dev.apiplatform.server.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The platform as `make run` and the tests start it: with {@code STORES=embedded} (the default)
 * DynamoDB Local, S3Proxy and ElasticMQ (the SQS of the job queue, {@link SharedSqs}) start first,
 * in parallel, in this process, persisted under {@code DATA_DIR}, and the server is pointed at them with the same SDK clients it uses against AWS. With
 * {@code STORES=aws} nothing embedded starts.
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
    try {
      if (config.aws().stores() == AppConfig.Stores.EMBEDDED) {
        // ElasticMQ (Pekko, H2 restore: ~1/3 of the stores' start) on a thread of its own while
        // DynamoDB Local and S3Proxy start on this one and the next (issue 15)
        sqs = startSqs(config);
        stores = EmbeddedAws.start(config.dataDir());
        EmbeddedSqs queues = join(sqs);
        effective = config.withStores(stores.dynamoDbEndpoint(), stores.s3Endpoint(),
            new AppConfig.StaticCredentials(stores.accessKeyId(), stores.secretAccessKey()))
            .withQueue(queues.endpoint());
      }
      return new LocalPlatform(Platform.start(effective), stores);
    } catch (IOException | RuntimeException e) {
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
      } catch (Throwable t) {
        started.completeExceptionally(t);
      }
    }, "embedded-sqs-start");
    thread.setDaemon(true);
    thread.start();
    return started;
  }

  private static EmbeddedSqs join(CompletableFuture<EmbeddedSqs> sqs) {
    try {
      return sqs.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException("Embedded SQS did not start", e.getCause());
    }
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
