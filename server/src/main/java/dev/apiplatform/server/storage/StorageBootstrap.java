package dev.apiplatform.server.storage;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Creates the missing tables and buckets of {@link StorageDefinitions}. Idempotent, and safe when
 * two instances start together: "already exists" from a racing peer counts as success.
 */
public final class StorageBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(StorageBootstrap.class);

  private final DynamoDbClient dynamoDb;
  private final S3Client s3;

  public StorageBootstrap(DynamoDbClient dynamoDb, S3Client s3) {
    this.dynamoDb = dynamoDb;
    this.s3 = s3;
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
    try {
      dynamoDb.describeTable(r -> r.tableName(name));
      return false;
    } catch (ResourceNotFoundException missing) {
      try {
        dynamoDb.createTable(createRequest(name, table));
      } catch (ResourceInUseException raced) {
        return false;
      }
      dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(name));
      LOG.info("Created table {}", name);
      return true;
    }
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
    try {
      s3.headBucket(r -> r.bucket(name));
      return false;
    } catch (NoSuchBucketException missing) {
      return createBucket(name);
    } catch (S3Exception e) {
      if (e.statusCode() != 404) throw e;
      return createBucket(name);
    }
  }

  private boolean createBucket(String name) {
    try {
      s3.createBucket(r -> r.bucket(name));
      LOG.info("Created bucket {}", name);
      return true;
    } catch (BucketAlreadyOwnedByYouException raced) {
      return false;
    }
  }
}
