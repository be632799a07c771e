package dev.apiplatform.server.platform;

import dev.apiplatform.server.config.AppConfig;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The stores a start talks to, when they may still be starting beside it (the local runtime's
 * embedded DynamoDB Local, S3Proxy and ElasticMQ start on threads of their own, issue 15: start
 * time). {@link Core#start} does its store-free work first (the contract, the groups' config
 * sections, metrics), then waits for {@code stores}, the configuration pointed at DynamoDB and S3;
 * only the queue declarations wait for {@code queue}, the SQS endpoint (empty: the one of that
 * configuration). Nothing answers before both are there: the listener opens after the core.
 */
public record PendingStores(CompletableFuture<AppConfig> stores, CompletableFuture<Optional<URI>> queue) {

  public PendingStores {
    Objects.requireNonNull(stores, "stores");
    Objects.requireNonNull(queue, "queue");
  }

  /** Stores that are already up: {@code config} points at all of them. */
  public static PendingStores ready(AppConfig config) {
    return new PendingStores(CompletableFuture.completedFuture(config),
        CompletableFuture.completedFuture(Optional.empty()));
  }

  /** {@code config} pointed at the SQS endpoint this start waits for, if it waits for one. */
  static AppConfig withQueue(AppConfig config, Optional<URI> queue) {
    return queue.map(config::withQueue).orElse(config);
  }
}
