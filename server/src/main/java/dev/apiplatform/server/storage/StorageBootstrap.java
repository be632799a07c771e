package dev.apiplatform.server.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
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
 */
public final class StorageBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(StorageBootstrap.class);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  static final Duration START_BUDGET = Duration.ofSeconds(120);

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

  /** Returns the physical names of what it created (empty when everything existed). */
  public List<String> ensure(StorageDefinitions definitions) {
    List<String> created = new ArrayList<>();
    for (TableDefinition table : definitions.tables()) {
      String name = definitions.tableName(table.name());
      if (ensureTable(name, table)) created.add(name);
    }
    for (String bucket : definitions.buckets()) {
      String name = definitions.bucketName(bucket);
      if (ensureBucket(name)) created.add(name);
    }
    return created;
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
    boolean created = controlPlane.call("create table " + name, () -> {
      try {
        dynamoDb.createTable(createRequest(name, table).toBuilder().overrideConfiguration(longCall()).build());
        return true;
      } catch (ResourceInUseException existsAlready) { // a racing peer, or our own attempt that timed out
        return false;
      }
    });
    controlPlane.await("table " + name + " active", () -> {
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
