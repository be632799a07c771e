package dev.apiplatform.server.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Creates the missing tables and buckets of {@link StorageDefinitions}. Idempotent, and safe when
 * two instances start together: "already exists" from a racing peer counts as success.
 *
 * <p>These are control-plane calls made once at start, often while the machine is busy starting
 * everything else: they get their own per-call timeout (longer than the data-plane budget the
 * clients are built with) and are retried within a start budget, so a slow table creation delays
 * the start instead of aborting it. A create that timed out but went through is seen as "already
 * exists" on retry, which counts as done.
 *
 * <p>The tables and buckets are ensured {@value #PARALLEL_CALLS} at a time (the SDK clients are
 * thread-safe; DynamoDB, DynamoDB Local and S3 accept concurrent control-plane calls): a first start
 * creates 21 tables, one after another that was ~0.7 s of the platform's start (issue 15). A table
 * whose CreateTable answer already says ACTIVE (DynamoDB Local) is not polled.
 */
public final class StorageBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(StorageBootstrap.class);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  static final Duration START_BUDGET = Duration.ofSeconds(120);
  static final int PARALLEL_CALLS = 4;

  private final DynamoDbClient dynamoDb;
  private final S3Client s3;
  private final ControlPlane controlPlane;

  public StorageBootstrap(DynamoDbClient dynamoDb, S3Client s3) {
    this(dynamoDb, s3, new ControlPlane(START_BUDGET, Duration.ofMillis(250), ControlPlane::sleep));
  }

  StorageBootstrap(DynamoDbClient dynamoDb, S3Client s3, ControlPlane controlPlane) {
    this.dynamoDb = dynamoDb;
    this.s3 = s3;
    this.controlPlane = controlPlane;
  }

  /** The per-call timeouts of control-plane requests (the clients' defaults are for data calls). */
  static AwsRequestOverrideConfiguration longCall() {
    return AwsRequestOverrideConfiguration.builder()
        .apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(CALL_TIMEOUT).build();
  }

  /** Returns the physical names of what it created (empty when everything existed), in definition order. */
  public List<String> ensure(StorageDefinitions definitions) {
    List<Supplier<Optional<String>>> steps = new ArrayList<>();
    for (TableDefinition table : definitions.tables()) {
      String name = definitions.tableName(table.name());
      steps.add(() -> ensureTable(name, table) ? Optional.of(name) : Optional.empty());
    }
    for (String bucket : definitions.buckets()) {
      String name = definitions.bucketName(bucket);
      steps.add(() -> ensureBucket(name) ? Optional.of(name) : Optional.empty());
    }
    List<String> created = new ArrayList<>();
    for (Optional<String> name : inParallel(steps)) name.ifPresent(created::add);
    return created;
  }

  /** Runs the steps {@value #PARALLEL_CALLS} at a time; the first failure (in step order) is thrown, the rest stopped. */
  private static <T> List<T> inParallel(List<Supplier<T>> steps) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_CALLS, r -> {
      Thread t = new Thread(r, "storage-bootstrap-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Supplier<T> step : steps) futures.add(pool.submit(step::get));
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) results.add(result(future));
      return results;
    } finally {
      // after a failure the other steps are interrupted; none may still call a client once this
      // returns (the caller closes the clients)
      pool.shutdownNow();
      awaitStopped(pool);
    }
  }

  private static void awaitStopped(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Start: a table or bucket step did not stop within {} after a failure", CALL_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> T result(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the tables and buckets are created", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error error) throw error;
      throw new IllegalStateException("creating the tables and buckets failed", e.getCause());
    }
  }

  private boolean ensureTable(String name, TableDefinition table) {
    boolean exists = controlPlane.call("describe table " + name, () -> {
      try {
        dynamoDb.describeTable(r -> r.tableName(name).overrideConfiguration(longCall()));
        return true;
      } catch (ResourceNotFoundException missing) {
        return false;
      }
    });
    if (exists) return false;
    CreateTableResponse answer = controlPlane.call("create table " + name, () -> {
      try {
        return dynamoDb.createTable(createRequest(name, table).toBuilder().overrideConfiguration(longCall()).build());
      } catch (ResourceInUseException existsAlready) { // a racing peer, or our own attempt that timed out
        return null;
      }
    });
    boolean created = answer != null;
    // ACTIVE in the answer (DynamoDB Local creates a table at once): nothing to wait for
    boolean active = created && answer.tableDescription() != null
        && answer.tableDescription().tableStatus() == TableStatus.ACTIVE;
    if (!active) controlPlane.await("table " + name + " active", () -> {
      try {
        return dynamoDb.describeTable(r -> r.tableName(name).overrideConfiguration(longCall()))
            .table().tableStatus() == TableStatus.ACTIVE;
      } catch (ResourceNotFoundException notYet) {
        return false;
      }
    });
    if (created) LOG.info("Created table {}", name);
    return created;
  }

  static CreateTableRequest createRequest(String name, TableDefinition table) {
    List<String> attributes = new ArrayList<>();
    attributes.add(table.partitionKey());
    table.sortKey().ifPresent(attributes::add);
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (TableDefinition.Index index : table.indexes()) {
      attributes.add(index.partitionKey());
      index.sortKey().ifPresent(attributes::add);
      indexes.add(GlobalSecondaryIndex.builder()
          .indexName(index.name())
          .keySchema(keys(index.partitionKey(), index.sortKey().orElse(null)))
          .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
          .build());
    }
    CreateTableRequest.Builder request = CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(keys(table.partitionKey(), table.sortKey().orElse(null)))
        .attributeDefinitions(attributes.stream().distinct()
            .map(a -> AttributeDefinition.builder().attributeName(a).attributeType(ScalarAttributeType.S).build())
            .toList());
    if (!indexes.isEmpty()) request.globalSecondaryIndexes(indexes);
    return request.build();
  }

  private static List<KeySchemaElement> keys(String partition, String sortOrNull) {
    List<KeySchemaElement> keys = new ArrayList<>();
    keys.add(KeySchemaElement.builder().attributeName(partition).keyType(KeyType.HASH).build());
    if (sortOrNull != null) {
      keys.add(KeySchemaElement.builder().attributeName(sortOrNull).keyType(KeyType.RANGE).build());
    }
    return keys;
  }

  private boolean ensureBucket(String name) {
    boolean exists = controlPlane.call("head bucket " + name, () -> {
      try {
        s3.headBucket(r -> r.bucket(name).overrideConfiguration(longCall()));
        return true;
      } catch (NoSuchBucketException missing) {
        return false;
      } catch (S3Exception e) {
        if (e.statusCode() != 404) throw e;
        return false;
      }
    });
    return !exists && createBucket(name);
  }

  private boolean createBucket(String name) {
    boolean created = controlPlane.call("create bucket " + name, () -> {
      try {
        s3.createBucket(r -> r.bucket(name).overrideConfiguration(longCall()));
        return true;
      } catch (BucketAlreadyOwnedByYouException raced) {
        return false;
      }
    });
    if (created) LOG.info("Created bucket {}", name);
    return created;
  }
}
