package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.platform.PendingStores;
import dev.apiplatform.server.testing.EmbeddedPlatform;
import dev.apiplatform.server.testing.WorkingGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A start on stores that are still starting beside it (the local runtime, issue 15: start time):
 * the core waits for their endpoints, uses those and not the ones of the config it began with, and
 * a store that fails to start fails the start with its own error.
 */
class PlatformPendingStoresTest {

  @RegisterExtension
  static final EmbeddedPlatform stores = new EmbeddedPlatform();

  /** Nothing listens here: a start that used these endpoints could not create a table or a queue. */
  private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

  private static AppConfig pointedNowhere(AppConfig config) {
    return config.withStores(NOWHERE, NOWHERE, new AppConfig.StaticCredentials("NOWHERE", "nowhere"))
        .withQueue(NOWHERE);
  }

  @Test
  void theStoresEndpoints_comeFromThePendingStores_completedAfterTheStartBegan() throws Exception {
    AppConfig real = stores.config(Map.of("WORKERS", "off"));
    CompletableFuture<AppConfig> pointed = new CompletableFuture<>();
    CompletableFuture<Optional<URI>> queue = new CompletableFuture<>();
    WorkingGroup group = new WorkingGroup(WorkingGroup.QUEUE, 1);
    CompletableFuture<Platform> starting = CompletableFuture.supplyAsync(() -> {
      try {
        return Platform.start(pointedNowhere(real), List.of(group), new PendingStores(pointed, queue));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    pointed.complete(real.withQueue(NOWHERE));
    queue.complete(Optional.of(stores.queues().endpoint()));
    try (Platform platform = starting.join()) {
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(platform.baseUri().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      group.enqueue(UUID.randomUUID().toString());
      assertThat(group.services().jobs().queue().counts(WorkingGroup.QUEUE).depth()).isPositive();
      assertThat(group.services().config().aws().sqsEndpoint()).contains(stores.queues().endpoint());
      assertThat(group.services().config().aws().dynamoDbEndpoint()).contains(stores.stores().dynamoDbEndpoint());
    }
  }

  @Test
  void aStoreThatFailsToStart_failsTheStart_withItsOwnError() {
    IllegalStateException failure = new IllegalStateException("DynamoDB Local did not start");
    PendingStores pending = new PendingStores(CompletableFuture.failedFuture(failure),
        CompletableFuture.completedFuture(Optional.empty()));
    assertThatThrownBy(() -> Platform.start(stores.config(Map.of()), List.of(new WorkingGroup(WorkingGroup.QUEUE, 1)),
        pending).close()).isSameAs(failure);
  }

  @Test
  void aQueueThatFailsToStart_failsTheStart_withItsOwnError() {
    IllegalStateException failure = new IllegalStateException("ElasticMQ did not start");
    AppConfig real = stores.config(Map.of());
    PendingStores pending = new PendingStores(CompletableFuture.completedFuture(real),
        CompletableFuture.failedFuture(failure));
    assertThatThrownBy(() -> Platform.start(real, List.of(new WorkingGroup(WorkingGroup.QUEUE, 1)), pending).close())
        .isSameAs(failure);
  }
}
