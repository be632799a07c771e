package dev.apiplatform.server.storage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/**
 * Adds a defined index an existing table lacks (UpdateTable, one index per call) and waits until
 * it is ACTIVE, or waits for one found CREATING; at most {@link StorageBootstrap#INDEX_BUDGET},
 * resumable by the next start (see {@link StorageBootstrap}'s comment). Safe when two instances
 * add the same index.
 */
final class IndexAddition {

  // StorageBootstrap's logger: these lines are part of the start's table steps and keep their name
  private static final Logger LOG = LoggerFactory.getLogger(StorageBootstrap.class);

  private final DynamoDbClient dynamoDb;
  private final ControlPlane indexPlane;

  IndexAddition(DynamoDbClient dynamoDb, ControlPlane indexPlane) {
    this.dynamoDb = dynamoDb;
    this.indexPlane = indexPlane;
  }

  /** Adds the index when the table lacks it and waits until it is ACTIVE (see the class comment). */
  void add(String name, TableDefinition.Index index) {
    long started = System.nanoTime();
    AtomicBoolean asked = new AtomicBoolean();
    try {
      indexPlane.await("index " + index.name() + " of table " + name + " active", () -> {
        TableDescription found = dynamoDb.describeTable(r -> r.tableName(name)
            .overrideConfiguration(StorageBootstrap.longCall())).table();
        GlobalSecondaryIndexDescription global = globalIndex(found, index.name());
        // CREATING: being backfilled; DELETING: being removed by hand, added again once gone
        if (global != null) return global.indexStatus() == IndexStatus.ACTIVE;
        if (found.tableStatus() != TableStatus.ACTIVE) return false; // another update of the table first
        try {
          UpdateTableResponse answer = dynamoDb.updateTable(addIndexRequest(name, index, found));
          if (asked.compareAndSet(false, true)) {
            LOG.info("Adding index {} to table {} (DynamoDB fills it from the table's items; the start waits up to {})",
                index.name(), name, StorageBootstrap.INDEX_BUDGET);
          }
          GlobalSecondaryIndexDescription added = globalIndex(answer.tableDescription(), index.name());
          return added != null && added.indexStatus() == IndexStatus.ACTIVE;
        } catch (ResourceInUseException | LimitExceededException busy) {
          // the table is being updated (a peer adding the same index, another index) or too many
          // control-plane operations run at once: ask again
          return false;
        } catch (DynamoDbException refused) {
          // "already exists" (a peer added it since the describe): seen on the next poll; else a real error
          if (globalIndex(dynamoDb.describeTable(r -> r.tableName(name)
              .overrideConfiguration(StorageBootstrap.longCall())).table(), index.name()) == null) {
            throw refused;
          }
          return false;
        }
      });
    } catch (IllegalStateException e) {
      if (e.getCause() != null) throw e; // interrupted
      throw new IllegalStateException("Start: index " + index.name() + " of table " + name + " is not ACTIVE after "
          + StorageBootstrap.INDEX_BUDGET + ". DynamoDB goes on filling it from the table's items after this start"
          + " gives up; a later start finds it CREATING and waits for it again. Its state: aws dynamodb describe-table"
          + " --table-name " + name, e);
    }
    LOG.info("Index {} of table {} is ACTIVE ({} ms)", index.name(), name,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  private static GlobalSecondaryIndexDescription globalIndex(TableDescription table, String index) {
    if (table == null) return null;
    for (GlobalSecondaryIndexDescription g : table.globalSecondaryIndexes()) {
      if (g.indexName().equals(index)) return g;
    }
    return null;
  }

  /**
   * UpdateTable adding one index (DynamoDB takes one per call), its key attributes declared as S;
   * on a provisioned table the index gets the table's capacity (an on-demand table reports 0).
   */
  static UpdateTableRequest addIndexRequest(String name, TableDefinition.Index index, TableDescription table) {
    CreateGlobalSecondaryIndexAction.Builder create = CreateGlobalSecondaryIndexAction.builder()
        .indexName(index.name())
        .keySchema(StorageBootstrap.keys(index.partitionKey(), index.sortKey().orElse(null)))
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build());
    ProvisionedThroughputDescription capacity = table.provisionedThroughput();
    boolean onDemand = table.billingModeSummary() != null
        && table.billingModeSummary().billingMode() == BillingMode.PAY_PER_REQUEST;
    if (!onDemand && capacity != null && capacity.readCapacityUnits() != null && capacity.readCapacityUnits() > 0) {
      create.provisionedThroughput(ProvisionedThroughput.builder()
          .readCapacityUnits(capacity.readCapacityUnits()).writeCapacityUnits(capacity.writeCapacityUnits()).build());
    }
    return UpdateTableRequest.builder()
        .tableName(name)
        .attributeDefinitions(TableComparison.indexAttributes(index).stream().distinct()
            .map(a -> AttributeDefinition.builder().attributeName(a).attributeType(ScalarAttributeType.S).build())
            .toList())
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(create.build()).build())
        .overrideConfiguration(StorageBootstrap.longCall())
        .build();
  }
}
