package dev.apiplatform.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.platform.Groups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Start-time table and bucket creation on a busy machine: the first calls time out (as DynamoDB
 * Local did in 1 of 10 cold starts), and a create that timed out went through anyway.
 */
class StorageBootstrapTest {

  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final ControlPlane retrying = new ControlPlane(Duration.ofSeconds(60), Duration.ofMillis(1), sleeps::add);

  /**
   * Times out the first {@code timeouts} calls of every kind, then behaves like DynamoDB; synchronized:
   * the bootstrap calls it from several threads.
   */
  static class SlowDynamo implements DynamoDbClient {
    final Map<String, Integer> calls = new HashMap<>();
    final Set<String> tables = new HashSet<>();
    /** What each table was created with: DescribeTable answers with its keys, as DynamoDB does. */
    final Map<String, CreateTableRequest> created = new HashMap<>();
    final List<Duration> callTimeouts = new ArrayList<>();
    final int timeouts;

    SlowDynamo(int timeouts) {
      this.timeouts = timeouts;
    }

    private void maybeTimeOut(String kind) {
      if (calls.merge(kind, 1, Integer::sum) <= timeouts) {
        throw ApiCallTimeoutException.create(5000);
      }
    }

    @Override
    public synchronized DescribeTableResponse describeTable(Consumer<DescribeTableRequest.Builder> r) {
      DescribeTableRequest.Builder b = DescribeTableRequest.builder();
      r.accept(b);
      DescribeTableRequest request = b.build();
      request.overrideConfiguration().flatMap(o -> o.apiCallTimeout()).ifPresent(callTimeouts::add);
      maybeTimeOut("describe");
      if (!tables.contains(request.tableName())) throw ResourceNotFoundException.builder().message("no").build();
      return DescribeTableResponse.builder().table(description(request.tableName(), TableStatus.ACTIVE)).build();
    }

    /** The table as DynamoDB describes it: its keys, attribute types and indexes (ACTIVE). */
    TableDescription description(String table, TableStatus status) {
      CreateTableRequest request = created.get(table);
      TableDescription.Builder description = TableDescription.builder().tableName(table).tableStatus(status);
      if (request == null) return description.build();
      return description.keySchema(request.keySchema()).attributeDefinitions(request.attributeDefinitions())
          .globalSecondaryIndexes(request.globalSecondaryIndexes().stream()
              .map(g -> GlobalSecondaryIndexDescription.builder().indexName(g.indexName()).keySchema(g.keySchema())
                  .projection(g.projection()).indexStatus(IndexStatus.ACTIVE).build())
              .toList())
          .build();
    }

    @Override
    public synchronized CreateTableResponse createTable(CreateTableRequest request) {
      request.overrideConfiguration().flatMap(o -> o.apiCallTimeout()).ifPresent(callTimeouts::add);
      if (calls.merge("create", 1, Integer::sum) <= timeouts) {
        created.putIfAbsent(request.tableName(), request);
        tables.add(request.tableName()); // the timed-out attempt created it all the same
        throw ApiCallTimeoutException.create(5000);
      }
      if (!tables.add(request.tableName())) throw ResourceInUseException.builder().message("exists").build();
      created.put(request.tableName(), request);
      return CreateTableResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  static final class SlowS3 implements S3Client {
    final Set<String> buckets = new HashSet<>();
    int heads;

    @Override
    public synchronized HeadBucketResponse headBucket(Consumer<HeadBucketRequest.Builder> r) {
      HeadBucketRequest.Builder b = HeadBucketRequest.builder();
      r.accept(b);
      if (heads++ == 0) throw ApiCallTimeoutException.create(5000);
      if (!buckets.contains(b.build().bucket())) throw NoSuchBucketException.builder().message("no").build();
      return HeadBucketResponse.builder().build();
    }

    @Override
    public synchronized CreateBucketResponse createBucket(Consumer<CreateBucketRequest.Builder> r) {
      CreateBucketRequest.Builder b = CreateBucketRequest.builder();
      r.accept(b);
      buckets.add(b.build().bucket());
      return CreateBucketResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }

  @Test
  void timedOutControlPlaneCalls_areRetried_andAStartSucceeds() {
    SlowDynamo dynamo = new SlowDynamo(2);
    SlowS3 s3 = new SlowS3();
    StorageDefinitions definitions = Groups.storage(Stage.DEV, "test", Groups.all());

    new StorageBootstrap(dynamo, s3, retrying).ensure(definitions);

    for (TableDefinition table : definitions.tables()) {
      assertThat(dynamo.tables).contains(definitions.tableName(table.name()));
    }
    assertThat(s3.buckets).isNotEmpty();
    assertThat(sleeps).isNotEmpty();
  }

  @Test
  void controlPlaneCalls_getALongerTimeoutThanDataCalls() {
    SlowDynamo dynamo = new SlowDynamo(0);
    new StorageBootstrap(dynamo, new SlowS3(), retrying).ensure(Groups.storage(Stage.DEV, "test", Groups.all()));
    assertThat(dynamo.callTimeouts).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo(StorageBootstrap.CALL_TIMEOUT));
  }

  @Test
  void aTableAnsweredActive_isNotPolled_andOneStillCreatingIs() {
    StorageDefinitions definitions = Groups.storage(Stage.DEV, "test", Groups.all());
    SlowDynamo activeAtOnce = new SlowDynamo(0) {
      @Override
      public synchronized CreateTableResponse createTable(CreateTableRequest request) {
        super.createTable(request);
        return CreateTableResponse.builder().tableDescription(description(request.tableName(), TableStatus.ACTIVE)).build();
      }
    };
    SlowDynamo creating = new SlowDynamo(0);

    List<String> createdAtOnce = new StorageBootstrap(activeAtOnce, new SlowS3(), retrying).ensure(definitions);
    List<String> createdLater = new StorageBootstrap(creating, new SlowS3(), retrying).ensure(definitions);

    int tables = definitions.tables().size();
    assertThat(activeAtOnce.calls).containsEntry("describe", tables).containsEntry("create", tables);
    assertThat(creating.calls).containsEntry("describe", 2 * tables).containsEntry("create", tables);
    assertThat(createdAtOnce).isEqualTo(createdLater).hasSize(tables + definitions.buckets().size());
  }

  @Test
  void aRealErrorIsNotRetried() {
    List<String> described = Collections.synchronizedList(new ArrayList<>());
    DynamoDbClient broken = new SlowDynamo(0) {
      @Override
      public DescribeTableResponse describeTable(Consumer<DescribeTableRequest.Builder> r) {
        DescribeTableRequest.Builder b = DescribeTableRequest.builder();
        r.accept(b);
        described.add(b.build().tableName());
        throw (DynamoDbException) DynamoDbException.builder().statusCode(400).message("ValidationException").build();
      }
    };
    assertThatThrownBy(() -> new StorageBootstrap(broken, new SlowS3(), retrying)
        .ensure(Groups.storage(Stage.DEV, "test", Groups.all()))).isInstanceOf(DynamoDbException.class);
    // tables are ensured in parallel, so several may have been asked; none twice
    assertThat(described).isNotEmpty().doesNotHaveDuplicates();
  }

  @Test
  void retriesStopAtTheBudget() {
    ControlPlane shortBudget = new ControlPlane(Duration.ZERO, Duration.ofMillis(1), sleeps::add);
    assertThatThrownBy(() -> new StorageBootstrap(new SlowDynamo(100), new SlowS3(), shortBudget)
        .ensure(Groups.storage(Stage.DEV, "test", Groups.all()))).isInstanceOf(ApiCallTimeoutException.class);
  }

  /** One existing table whose index a peer (or an earlier start) is still building. */
  static final class BuildingIndex extends SlowDynamo {
    final TableDefinition definition = TableDefinition.of("Things", "thing_id").withIndex("owner-index", "owner_id", null);
    int updates;
    int describesUntilActive;

    BuildingIndex(int describesUntilActive) {
      super(0);
      this.describesUntilActive = describesUntilActive;
      created.put("dev-Things", StorageBootstrap.createRequest("dev-Things", definition));
      tables.add("dev-Things");
    }

    @Override
    public synchronized DescribeTableResponse describeTable(Consumer<DescribeTableRequest.Builder> r) {
      TableDescription table = super.describeTable(r).table();
      IndexStatus status = describesUntilActive-- > 0 ? IndexStatus.CREATING : IndexStatus.ACTIVE;
      return DescribeTableResponse.builder().table(table.toBuilder().globalSecondaryIndexes(
          table.globalSecondaryIndexes().get(0).toBuilder().indexStatus(status).backfilling(true).build()).build()).build();
    }

    @Override
    public synchronized UpdateTableResponse updateTable(UpdateTableRequest request) {
      updates++;
      throw new AssertionError("the index exists; nothing to add");
    }

    StorageDefinitions definitions() {
      return new StorageDefinitions(Stage.DEV, "test", List.of(definition), List.of());
    }
  }

  @Test
  void anIndexFoundCreating_isWaitedFor_notAddedAgain() {
    BuildingIndex dynamo = new BuildingIndex(3);
    List<String> created = new StorageBootstrap(dynamo, null, retrying).ensure(dynamo.definitions());
    assertThat(created).isEmpty();
    assertThat(dynamo.updates).isZero();
    // CREATING to the check and the first two polls, then ACTIVE
    assertThat(dynamo.calls.get("describe")).isEqualTo(4);
  }

  @Test
  void anIndexNotActiveWithinTheIndexBudget_failsTheStart_namingTableAndIndex() {
    BuildingIndex dynamo = new BuildingIndex(Integer.MAX_VALUE);
    ControlPlane shortIndexBudget = new ControlPlane(Duration.ZERO, Duration.ofMillis(1), sleeps::add);
    assertThatThrownBy(() -> new StorageBootstrap(dynamo, null, retrying, shortIndexBudget).ensure(dynamo.definitions()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("index owner-index of table dev-Things is not ACTIVE after " + StorageBootstrap.INDEX_BUDGET)
        .hasMessageContaining("a later start finds it CREATING");
  }

  @Test
  void anIndexAddedToAProvisionedTable_getsTheTablesCapacity_oneOnDemandNone() {
    TableDefinition.Index index = new TableDefinition.Index("owner-index", "owner_id", Optional.of("list_key"));
    TableDescription provisioned = TableDescription.builder().provisionedThroughput(
        ProvisionedThroughputDescription.builder().readCapacityUnits(5L).writeCapacityUnits(3L).build()).build();
    TableDescription onDemand = TableDescription.builder()
        .billingModeSummary(BillingModeSummary.builder().billingMode(BillingMode.PAY_PER_REQUEST).build())
        .provisionedThroughput(ProvisionedThroughputDescription.builder().readCapacityUnits(0L).writeCapacityUnits(0L).build())
        .build();

    UpdateTableRequest toProvisioned = IndexAddition.addIndexRequest("dev-T", index, provisioned);
    UpdateTableRequest toOnDemand = IndexAddition.addIndexRequest("dev-T", index, onDemand);

    var create = toProvisioned.globalSecondaryIndexUpdates().get(0).create();
    assertThat(create.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
    assertThat(create.provisionedThroughput().writeCapacityUnits()).isEqualTo(3L);
    assertThat(toOnDemand.globalSecondaryIndexUpdates().get(0).create().provisionedThroughput()).isNull();
    assertThat(create.projection().projectionType()).isEqualTo(ProjectionType.ALL);
    assertThat(toProvisioned.attributeDefinitions()).extracting(AttributeDefinition::attributeName)
        .containsExactly("owner_id", "list_key");
    assertThat(toProvisioned.attributeDefinitions()).extracting(AttributeDefinition::attributeType)
        .containsOnly(ScalarAttributeType.S);
  }
}
