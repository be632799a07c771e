package dev.apiplatform.server.queue;

import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.jobs.EffectLedger;
import dev.apiplatform.server.jobs.JobTables;
import dev.apiplatform.server.queue.Backoff;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.QueueBootstrap;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueNames;
import dev.apiplatform.server.queue.SqsClients;
import dev.apiplatform.server.queue.SqsJobQueue;
import dev.apiplatform.server.storage.StorageBootstrap;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.TableDefinition;
import dev.apiplatform.server.jobs.WorkerRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local and ElasticMQ under one directory, with the job tables, a test effects table and
 * the given queues declared, as the queue tests (and the crash test's child JVM) need them.
 * Everything goes through the platform's own classes: {@link QueueBootstrap}, {@link SqsJobQueue},
 * {@link EffectLedger}.
 */
final class QueueStores implements AutoCloseable {

  static final String EFFECTS_TABLE = "QueueTestEffects";
  static final Duration POLL_WAIT = Duration.ofSeconds(1);

  final StorageDefinitions definitions;
  final DynamoDbClient dynamo;
  final SqsClient sqs;
  final Map<String, QueueBootstrap.Urls> urls;
  final SqsJobQueue queue;
  final EffectLedger ledger;
  private final EmbeddedAws aws;
  private final EmbeddedSqs embeddedSqs;
  private final List<SqsClient> extraClients = new java.util.concurrent.CopyOnWriteArrayList<>();

  private QueueStores(Path dir, List<QueueDeclaration> queues) {
    this.aws = EmbeddedAws.start(dir);
    EmbeddedSqs started;
    try {
      started = EmbeddedSqs.start(dir);
    } catch (RuntimeException e) {
      aws.close();
      throw e;
    }
    this.embeddedSqs = started;
    var credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()));
    this.dynamo = DynamoDbClient.builder().endpointOverride(aws.dynamoDbEndpoint()).region(Region.of(aws.region()))
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.builder().build()).build();
    List<TableDefinition> tables = new ArrayList<>(JobTables.tables());
    tables.add(TableDefinition.of(EFFECTS_TABLE, "job_key"));
    this.definitions = new StorageDefinitions(Stage.DEV, "test", tables, List.of());
    new StorageBootstrap(dynamo, null).ensure(definitions); // no buckets: S3 is not touched
    this.sqs = SqsClients.create(Region.of(embeddedSqs.region()), credentials, Optional.of(embeddedSqs.endpoint()),
        Duration.ofSeconds(5), POLL_WAIT);
    this.urls = new QueueBootstrap(sqs, new QueueNames(Stage.DEV, "test")).ensure(queues);
    this.queue = new SqsJobQueue(sqs, urls);
    this.ledger = new EffectLedger(dynamo, definitions, Clock.systemUTC());
  }

  static QueueStores start(Path dir, QueueDeclaration... queues) {
    return new QueueStores(dir, List.of(queues));
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("queue-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The same queues through a client of its own that long-polls for up to {@code pollWait}, as the
   * platform's does (closed with the stores).
   */
  SqsJobQueue queueWithPollWait(Duration pollWait) {
    var credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()));
    SqsClient client = SqsClients.create(Region.of(embeddedSqs.region()), credentials,
        Optional.of(embeddedSqs.endpoint()), Duration.ofSeconds(5), pollWait);
    extraClients.add(client);
    return new SqsJobQueue(client, urls);
  }

  WorkerRuntime runtime(Duration shutdownGrace, Backoff backoff) {
    return new WorkerRuntime(queue, new WorkerRuntime.Options(POLL_WAIT, shutdownGrace, backoff), Clock.systemUTC());
  }

  static JobMessage job(String kind) {
    return new JobMessage(kind, UUID.randomUUID().toString(), "req-" + UUID.randomUUID(), "{\"n\":1}", Instant.now());
  }

  /** The effect a test handler has: one counter per job, bumped in the ledger's transaction. */
  TransactWriteItem countEffect(String jobKey) {
    return TransactWriteItem.builder().update(Update.builder().tableName(definitions.tableName(EFFECTS_TABLE))
        .key(Map.of("job_key", AttributeValue.fromS(jobKey)))
        .updateExpression("ADD #c :one").expressionAttributeNames(Map.of("#c", "count"))
        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).build()).build();
  }

  /** Job key → how many times its effect was applied. */
  Map<String, Integer> effects() {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamo.scan(r -> r.tableName(definitions.tableName(EFFECTS_TABLE)).consistentRead(true)
          .exclusiveStartKey(from));
      page.items().forEach(i -> counts.put(i.get("job_key").s(), Integer.parseInt(i.get("count").n())));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return counts;
  }

  /** Waits (polling) until {@code condition} holds; fails after {@code timeout}. No timing is asserted. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("Timed out waiting for " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what);
      }
    }
  }

  @Override
  public void close() {
    extraClients.forEach(SqsClient::close);
    sqs.close();
    dynamo.close();
    embeddedSqs.close();
    aws.close();
  }
}
