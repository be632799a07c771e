package dev.apiplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ in-process: the SDK client works against it, and queues and messages survive a restart. */
class EmbeddedSqsTest {

  @TempDir Path dataDir;

  @Test
  void queuesAndUnconsumedMessagesSurviveARestart() {
    String url;
    try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir); SqsClient client = client(sqs)) {
      assertThat(sqs.endpoint().getHost()).isEqualTo("127.0.0.1");
      url = client.createQueue(r -> r.queueName("dev-test")
          .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "7"))).queueUrl();
      client.sendMessage(r -> r.queueUrl(url).messageBody("kept"));
      client.sendMessage(r -> r.queueUrl(url).messageBody("consumed"));
      var first = client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
      first.stream().filter(m -> m.body().equals("consumed"))
          .forEach(m -> client.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())));
      // make the undeleted one visible again at once
      first.stream().filter(m -> m.body().equals("kept"))
          .forEach(m -> client.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())
              .visibilityTimeout(0)));
    }
    try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir); SqsClient client = client(sqs)) {
      String again = client.getQueueUrl(r -> r.queueName("dev-test")).queueUrl();
      assertThat(client.getQueueAttributes(r -> r.queueUrl(again).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
          .attributes()).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "7");
      var messages = client.receiveMessage(r -> r.queueUrl(again).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
      assertThat(messages).extracting(m -> m.body()).containsExactly("kept");
    }
  }

  /**
   * A long poll under way (one a stopped worker abandoned, say) does not hold the close for its
   * remaining wait: ElasticMQ's own stop waited up to a minute for it (19.3 s of a 20 s poll).
   */
  @Test
  void close_endsALongPollUnderWay_insteadOfWaitingItOut() throws Exception {
    EmbeddedSqs sqs = EmbeddedSqs.start(dataDir);
    try (SqsClient client = client(sqs)) {
      String url = client.createQueue(r -> r.queueName("dev-poll")).queueUrl();
      long started = System.nanoTime();
      CompletableFuture<Integer> poll = CompletableFuture.supplyAsync(
          () -> client.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)).messages().size());
      Thread.sleep(1000); // the receive is waiting at the server
      sqs.close();
      assertThatThrownBy(() -> poll.get(10, TimeUnit.SECONDS)).as("the poll ended by the close")
          .isInstanceOf(ExecutionException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("well before the poll's 20 s")
          .isLessThan(Duration.ofSeconds(15));
    } finally {
      sqs.close();
    }
  }

  @Test
  void onlyOneInstancePerJvm() {
    try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir)) {
      assertThatThrownBy(() -> EmbeddedSqs.start(dataDir.resolve("other"))).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void theActorSystemsLoaderListsOnlyPekkosManifestsAndIsTheApplicationsOtherwise() throws Exception {
    ClassLoader app = EmbeddedSqs.class.getClassLoader();
    var loader = new EmbeddedSqs.PekkoManifestsOnly(app);
    List<URL> all = Collections.list(app.getResources("META-INF/MANIFEST.MF"));
    List<URL> listed = Collections.list(loader.getResources("META-INF/MANIFEST.MF"));
    assertThat(listed).isNotEmpty().allMatch(EmbeddedSqs.PekkoManifestsOnly::isPekkoJar)
        .anyMatch(url -> url.toString().contains("pekko-actor_"));
    assertThat(all).filteredOn(EmbeddedSqs.PekkoManifestsOnly::isPekkoJar).containsExactlyElementsOf(listed);
    assertThat(all.size()).isGreaterThan(listed.size());
    assertThat(Collections.list(loader.getResources("reference.conf")))
        .containsExactlyElementsOf(Collections.list(app.getResources("reference.conf")));
    assertThat(loader.loadClass("org.apache.pekko.actor.ActorSystem")).isSameAs(ActorSystem.class);
    assertThat(EmbeddedSqs.PekkoManifestsOnly.isPekkoJar(
        new URL("jar:file:/x/lib/pekko-http_2.13-1.3.0.jar!/META-INF/MANIFEST.MF"))).isTrue();
    assertThat(EmbeddedSqs.PekkoManifestsOnly.isPekkoJar(
        new URL("jar:file:/x/pekko-things/lib/jackson-core-2.17.jar!/META-INF/MANIFEST.MF"))).isFalse();
  }

  static SqsClient client(EmbeddedSqs sqs) {
    return SqsClient.builder().endpointOverride(sqs.endpoint()).region(Region.of(sqs.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }
}
