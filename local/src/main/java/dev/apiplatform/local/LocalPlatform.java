package dev.apiplatform.local;

import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;

import dev.apiplatform.server.Platform;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.platform.PendingStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The platform as `make run` and the tests start it: with {@code STORES=embedded} (the default)
 * DynamoDB Local, S3Proxy and ElasticMQ (the SQS of the job queue, {@link SharedSqs}) start in
 * parallel, in this process, beside the server's store-free start ({@link PendingStores}),
 * persisted under {@code DATA_DIR}, and the server is pointed at them with the same SDK clients it
 * uses against AWS. With {@code STORES=aws} nothing embedded starts.
 */
public final class LocalPlatform implements AutoCloseable {

  private final Platform platform;
  private final EmbeddedAws stores;

  private LocalPlatform(Platform platform, EmbeddedAws stores) {
    this.platform = platform;
    this.stores = stores;
  }

  public static LocalPlatform start(AppConfig config) {
    if (config.aws().stores() != AppConfig.Stores.EMBEDDED) {
      try {
        return new LocalPlatform(Platform.start(config), null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // the three stores start on threads of their own (ElasticMQ, Pekko and its H2 restore, is
    // the last up) while the core does the work that needs none of them (contract, config,
    // metrics); it waits for DynamoDB and S3 before its clients, for SQS only to declare the
    // queues, and the platform listens only once everything is up (issue 15: start time)
    CompletableFuture<EmbeddedSqs> sqs = inBackground("embedded-sqs-start", () -> SharedSqs.acquire(config.dataDir()));
    CompletableFuture<EmbeddedAws> aws = inBackground("embedded-aws-start", () -> EmbeddedAws.start(config.dataDir()));
    PendingStores pending = new PendingStores(
        aws.thenApply(stores -> config.withStores(stores.dynamoDbEndpoint(), stores.s3Endpoint(),
            new AppConfig.StaticCredentials(stores.accessKeyId(), stores.secretAccessKey()))),
        sqs.thenApply(queues -> Optional.of(queues.endpoint())));
    try {
      Platform platform = Platform.start(config, pending);
      return new LocalPlatform(platform, aws.join());
    } catch (IOException | RuntimeException e) {
      // a store may still be starting when the core failed: wait for it, then stop what started
      if (sqs.handle((queues, failure) -> failure == null).join()) SharedSqs.release();
      EmbeddedAws started = aws.handle((stores, failure) -> stores).join();
      if (started != null) started.close();
      if (e instanceof IOException io) throw new UncheckedIOException(io);
      throw (RuntimeException) e;
    }
  }

  private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> work) {
    CompletableFuture<T> started = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        started.complete(work.get());
      } catch (Throwable t) {
        started.completeExceptionally(t);
      }
    }, name);
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
