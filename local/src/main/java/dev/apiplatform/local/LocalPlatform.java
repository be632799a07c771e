package dev.apiplatform.local;

import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;

import dev.apiplatform.server.Platform;
import dev.apiplatform.server.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;

/**
 * The platform as `make run` and the tests start it: with {@code STORES=embedded} (the default)
 * DynamoDB Local, S3Proxy and ElasticMQ (the SQS of the job queue, {@link SharedSqs}) start first,
 * in this process, persisted under {@code DATA_DIR}, and the server is pointed at them with the same SDK clients it uses against AWS. With
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
    boolean sqs = false;
    try {
      if (config.aws().stores() == AppConfig.Stores.EMBEDDED) {
        stores = EmbeddedAws.start(config.dataDir());
        EmbeddedSqs queues = SharedSqs.acquire(config.dataDir());
        sqs = true;
        effective = config.withStores(stores.dynamoDbEndpoint(), stores.s3Endpoint(),
            new AppConfig.StaticCredentials(stores.accessKeyId(), stores.secretAccessKey()))
            .withQueue(queues.endpoint());
      }
      return new LocalPlatform(Platform.start(effective), stores);
    } catch (IOException | RuntimeException e) {
      if (sqs) SharedSqs.release();
      if (stores != null) stores.close();
      if (e instanceof IOException io) throw new UncheckedIOException(io);
      throw (RuntimeException) e;
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
