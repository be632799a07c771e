package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.platform.Groups;
import dev.apiplatform.server.storage.AwsClients;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.testing.EmbeddedPlatform;
import dev.apiplatform.server.testing.WorkingGroup;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The platform started before its SQS endpoint is known (the local runtime, while ElasticMQ still
 * starts, issue 15): the tables and buckets do not wait for it, the queues do, and so does
 * everything that uses them (the groups' producers, the workers, the listener).
 */
class PlatformPendingSqsTest {

  @RegisterExtension
  static final EmbeddedPlatform stores = new EmbeddedPlatform();

  /**
   * WORKERS=on, buckets in a namespace of this start only, and an SQS endpoint where nothing
   * listens: the endpoint the platform is given later replaces it.
   */
  private static AppConfig config(String namespace) {
    return stores.config(Map.of("WORKERS", "on", "QUEUE_POLL_WAIT_SECONDS", "1", "BUCKET_NAMESPACE", namespace))
        .withQueue(URI.create("http://127.0.0.1:9"));
  }

  private static String namespace() {
    return "pending-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static boolean bucketExists(S3Client s3, String bucket) {
    return s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket));
  }

  @Test
  void theBucketsAreCreated_beforeTheSqsEndpointIsKnown_andTheWorkersRunOnItsQueuesOnceItIs() throws Exception {
    String namespace = namespace();
    AppConfig config = config(namespace);
    WorkingGroup group = new WorkingGroup(WorkingGroup.QUEUE, 1);
    String bucket = Groups.storage(config.stage(), namespace, List.of(group)).bucketName(StorageDefinitions.MEDIA_BUCKET);
    CompletableFuture<Optional<URI>> endpoint = new CompletableFuture<>();
    ExecutorService starter = Executors.newSingleThreadExecutor();
    try (AwsClients aws = new AwsClients(config)) {
      Future<Platform> starting = starter.submit(() -> Platform.start(config, List.of(group), endpoint));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!bucketExists(aws.s3(), bucket) && !starting.isDone() && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(bucketExists(aws.s3(), bucket)).as("bucket %s created while the SQS endpoint is pending", bucket).isTrue();
      // still waiting for its queues: no group wired, so nothing has enqueued or polled yet
      assertThat(starting).isNotDone();
      assertThat(group.services()).isNull();

      endpoint.complete(Optional.of(stores.queues().endpoint()));
      try (Platform platform = starting.get(60, TimeUnit.SECONDS)) {
        String payload = UUID.randomUUID().toString();
        group.enqueue(payload);
        long handledBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!group.handled.contains(payload) && System.nanoTime() < handledBy) Thread.sleep(20);
        assertThat(group.handled).contains(payload);
        assertThat(group.services().jobs().queue().declared()).contains(WorkingGroup.QUEUE);
      }
    } finally {
      starter.shutdownNow();
    }
  }

  @Test
  void anSqsEndpointThatFails_failsTheStart_withItsOwnError_andNoGroupIsWired() {
    IllegalStateException failure = new IllegalStateException("the embedded SQS did not start (test)");
    WorkingGroup group = new WorkingGroup(WorkingGroup.QUEUE, 1);
    assertThatThrownBy(() -> Platform.start(config(namespace()), List.of(group), CompletableFuture.failedFuture(failure))
        .close()).isSameAs(failure);
    assertThat(group.services()).isNull();
  }
}
