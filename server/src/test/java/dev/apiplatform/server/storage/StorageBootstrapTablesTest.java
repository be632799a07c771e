package dev.apiplatform.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.testing.CapturedLogs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/**
 * What the start does with the tables it finds, on DynamoDB Local: the platform's own tables (as
 * {@link StoreTables} created them) pass with nothing but the DescribeTable calls; hand-made
 * tables with another key, index key or projection fail the start with every difference named;
 * a missing index is added and answers a Query over the items already there; an index no
 * definition names is only logged.
 */
class StorageBootstrapTablesTest {

  private static StoreTables stores;

  @BeforeAll
  static void start() {
    stores = StoreTables.start();
  }

  @AfterAll
  static void stop() {
    stores.close();
  }

  /** The calls the bootstrap makes, by operation, on the real client. */
  static final class Counting implements DynamoDbClient {
    final DynamoDbClient real;
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    Counting(DynamoDbClient real) {
      this.real = real;
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
      calls.add("DescribeTable");
      return real.describeTable(request);
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
      calls.add("CreateTable");
      return real.createTable(request);
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest request) {
      calls.add("UpdateTable");
      return real.updateTable(request);
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }

  private static StorageDefinitions only(TableDefinition... tables) {
    return new StorageDefinitions(Stage.DEV, "test", List.of(tables), List.of());
  }

  private static KeySchemaElement key(String attribute, KeyType type) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
  }

  private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  /** A table made by hand (or by an older version): on-demand, the keys and indexes given. */
  private static void handMade(String name, List<KeySchemaElement> keys, List<AttributeDefinition> attributes,
      GlobalSecondaryIndex... indexes) {
    CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(keys).attributeDefinitions(attributes);
    if (indexes.length > 0) request.globalSecondaryIndexes(indexes);
    stores.dynamo.createTable(request.build());
  }

  private static GlobalSecondaryIndex index(String name, ProjectionType projection, KeySchemaElement... keys) {
    return GlobalSecondaryIndex.builder().indexName(name).keySchema(keys)
        .projection(Projection.builder().projectionType(projection).build()).build();
  }

  @Test
  void aFreshStartCreatedEveryTableAsDefined_andAnotherStartOnlyDescribesThem() {
    for (TableDefinition table : stores.definitions.tables()) {
      TableDescription found = stores.dynamo.describeTable(r -> r.tableName(stores.definitions.tableName(table.name())))
          .table();
      assertThat(found.keySchema()).extracting(KeySchemaElement::attributeName).first().isEqualTo(table.partitionKey());
      assertThat(found.globalSecondaryIndexes()).extracting(g -> g.indexName())
          .containsExactlyInAnyOrderElementsOf(table.indexes().stream().map(TableDefinition.Index::name).toList());
    }

    Counting dynamo = new Counting(stores.dynamo);
    StorageDefinitions tablesOnly = only(stores.definitions.tables().toArray(TableDefinition[]::new));
    List<String> created = new StorageBootstrap(dynamo, null).ensure(tablesOnly);

    assertThat(created).isEmpty();
    // the check reads the answer that tells whether the table exists: one call per table, as before
    assertThat(dynamo.calls).hasSize(tablesOnly.tables().size()).containsOnly("DescribeTable");
  }

  @Test
  void tablesWithAnotherKey_failTheStart_withEveryDifferenceOfEveryTable() {
    handMade("dev-KeyA", List.of(key("id", KeyType.HASH)), List.of(attribute("id", ScalarAttributeType.S)));
    handMade("dev-KeyB", List.of(key("userId", KeyType.HASH)), List.of(attribute("userId", ScalarAttributeType.N)));
    handMade("dev-KeyC", List.of(key("userId", KeyType.HASH), key("processingId", KeyType.RANGE)),
        List.of(attribute("userId", ScalarAttributeType.S), attribute("processingId", ScalarAttributeType.S),
            attribute("status", ScalarAttributeType.S)),
        index("status-index", ProjectionType.KEYS_ONLY, key("status", KeyType.HASH)));
    TableDefinition a = TableDefinition.of("KeyA", "user_id");
    TableDefinition b = TableDefinition.of("KeyB", "userId").withSortKey("processingId");
    TableDefinition c = TableDefinition.of("KeyC", "userId").withSortKey("processingId")
        .withIndex("status-index", "status", "processingId")
        .withIndex("owner-index", "owner_id", null);
    Counting dynamo = new Counting(stores.dynamo);

    assertThatThrownBy(() -> new StorageBootstrap(dynamo, null).ensure(only(a, b, c)))
        .isInstanceOfSatisfying(StorageBootstrap.TableMismatchException.class, e -> assertThat(e.differences())
            .containsExactly(
                "dev-KeyA: key is id (S) HASH; the definition has user_id (S) HASH",
                "dev-KeyB: key is userId (N) HASH; the definition has userId (S) HASH, processingId (S) RANGE",
                "dev-KeyC: index status-index key is status (S) HASH; the definition has status (S) HASH,"
                    + " processingId (S) RANGE",
                "dev-KeyC: index status-index projects KEYS_ONLY; the definition projects ALL"))
        .hasMessageContaining("4 differences")
        .hasMessageContaining("DynamoDB cannot change");
    // nothing was changed: not even owner-index, which the table lacks, was added
    assertThat(dynamo.calls).containsOnly("DescribeTable");
    assertThat(stores.dynamo.describeTable(r -> r.tableName("dev-KeyC")).table().globalSecondaryIndexes()).hasSize(1);
  }

  @Test
  void aMissingIndex_isAdded_andAnswersAQueryOverTheItemsAlreadyThere() {
    handMade("dev-Older", List.of(key("item_id", KeyType.HASH)), List.of(attribute("item_id", ScalarAttributeType.S)));
    stores.dynamo.putItem(r -> r.tableName("dev-Older").item(Map.of(
        "item_id", AttributeValue.fromS("i1"), "status", AttributeValue.fromS("ACTIVE"),
        "list_key", AttributeValue.fromS("2026-12-02T10:00:00Z#i1"))));
    TableDefinition newer = TableDefinition.of("Older", "item_id")
        .withIndex("status-index", "status", "list_key")
        .withIndex("owner-index", "owner_id", "list_key");
    Counting dynamo = new Counting(stores.dynamo);

    List<String> created = new StorageBootstrap(dynamo, null).ensure(only(newer));

    assertThat(created).isEmpty();
    assertThat(dynamo.calls).filteredOn("UpdateTable"::equals).hasSize(2); // one index per UpdateTable
    TableDescription table = stores.dynamo.describeTable(r -> r.tableName("dev-Older")).table();
    assertThat(table.globalSecondaryIndexes()).allSatisfy(g -> {
      assertThat(g.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
      assertThat(g.projection().projectionType()).isEqualTo(ProjectionType.ALL);
    }).extracting(g -> g.indexName()).containsExactlyInAnyOrder("status-index", "owner-index");
    var found = stores.dynamo.query(r -> r.tableName("dev-Older").indexName("status-index")
        .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("ACTIVE"))));
    assertThat(found.items()).extracting(item -> item.get("item_id").s()).containsExactly("i1");

    // the next start finds the table as defined: nothing more to add
    Counting again = new Counting(stores.dynamo);
    new StorageBootstrap(again, null).ensure(only(newer));
    assertThat(again.calls).containsExactly("DescribeTable");
  }

  @Test
  void aMissingIndexOnAnAttributeTheTableTypesOtherwise_failsTheStart() {
    handMade("dev-Typed", List.of(key("item_id", KeyType.HASH)),
        List.of(attribute("item_id", ScalarAttributeType.S), attribute("status", ScalarAttributeType.N)),
        index("status-number-index", ProjectionType.ALL, key("status", KeyType.HASH)));
    TableDefinition definition = TableDefinition.of("Typed", "item_id").withIndex("status-index", "status", null);

    assertThatThrownBy(() -> new StorageBootstrap(stores.dynamo, null).ensure(only(definition)))
        .isInstanceOfSatisfying(StorageBootstrap.TableMismatchException.class, e -> assertThat(e.differences())
            .containsExactly("dev-Typed: index status-index (missing, status (S) HASH) cannot be added: status is N in"
                + " the table"));
  }

  @Test
  void anIndexNoDefinitionNames_isLoggedAtInfo_andTheStartGoesOn() {
    handMade("dev-Extra", List.of(key("offer_id", KeyType.HASH)),
        List.of(attribute("offer_id", ScalarAttributeType.S), attribute("item_id", ScalarAttributeType.S),
            attribute("buyer_id", ScalarAttributeType.S)),
        index("item-index", ProjectionType.ALL, key("item_id", KeyType.HASH)),
        index("buyer-index", ProjectionType.KEYS_ONLY, key("buyer_id", KeyType.HASH)));
    TableDefinition definition = TableDefinition.of("Extra", "offer_id").withIndex("item-index", "item_id", null);
    Counting dynamo = new Counting(stores.dynamo);
    CapturedLogs logs = CapturedLogs.of(StorageBootstrap.class, Level.INFO);
    try (logs) {
      assertThat(new StorageBootstrap(dynamo, null).ensure(only(definition))).isEmpty();
    }
    assertThat(dynamo.calls).containsExactly("DescribeTable");
    assertThat(logs.events()).filteredOn(e -> e.getFormattedMessage().contains("dev-Extra")).singleElement()
        .satisfies(e -> {
          assertThat(e.getLevel()).isEqualTo(Level.INFO);
          assertThat(e.getFormattedMessage()).contains("global index buyer-index (buyer_id (S) HASH)")
              .doesNotContain("item-index");
        });
    assertThat(stores.dynamo.describeTable(r -> r.tableName("dev-Extra")).table().globalSecondaryIndexes()).hasSize(2);
  }

  @Test
  void aTableDefinedWithASortKey_matchesOnlyWithIt() {
    handMade("dev-Sorted", List.of(key("userId", KeyType.HASH), key("echoId", KeyType.RANGE)),
        List.of(attribute("userId", ScalarAttributeType.S), attribute("echoId", ScalarAttributeType.S)));
    assertThat(new StorageBootstrap(stores.dynamo, null).ensure(only(
        TableDefinition.of("Sorted", "userId").withSortKey("echoId")))).isEmpty();
    assertThatThrownBy(() -> new StorageBootstrap(stores.dynamo, null).ensure(only(TableDefinition.of("Sorted", "userId"))))
        .isInstanceOf(StorageBootstrap.TableMismatchException.class)
        .hasMessageContaining("dev-Sorted: key is userId (S) HASH, echoId (S) RANGE; the definition has userId (S) HASH");
  }
}
