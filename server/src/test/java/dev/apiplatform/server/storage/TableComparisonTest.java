package dev.apiplatform.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The comparison of a described table with its definition, without DynamoDB: what it reports as
 * differing, what it leaves to add or wait for, and what it finds unnamed.
 * ({@link StorageBootstrapTablesTest} runs the same through DynamoDB Local.)
 */
class TableComparisonTest {

  private static final TableDefinition ITEMS = TableDefinition.of("Items", "item_id").withSortKey("created")
      .withIndex("owner-index", "owner_id", "created");

  @Test
  void aTableAsDefined_differsInNothing_andLeavesNothingToDo() {
    TableDescription found = table(Map.of("item_id", "S", "created", "S", "owner_id", "S"),
        keys("item_id", "created"), List.of(global("owner-index", ProjectionType.ALL, IndexStatus.ACTIVE,
            keys("owner_id", "created"))), List.of());

    TableComparison.Outcome outcome = TableComparison.compare("dev-Items", ITEMS, found);

    assertThat(outcome.differences()).isEmpty();
    assertThat(outcome.pending()).isEmpty();
    assertThat(outcome.unnamed()).isEmpty();
  }

  @Test
  void anotherTableKey_isReported_withBothKeys() {
    TableDescription found = table(Map.of("item_id", "N", "owner_id", "S", "created", "S"), keys("item_id", null),
        List.of(global("owner-index", ProjectionType.ALL, IndexStatus.ACTIVE, keys("owner_id", "created"))), List.of());

    assertThat(TableComparison.compare("dev-Items", ITEMS, found).differences()).containsExactly(
        "dev-Items: key is item_id (N) HASH; the definition has item_id (S) HASH, created (S) RANGE");
  }

  @Test
  void anIndexWithAnotherKeyOrProjection_isReported_andNotWaitedFor() {
    TableDescription found = table(Map.of("item_id", "S", "created", "S", "owner_id", "S"), keys("item_id", "created"),
        List.of(global("owner-index", ProjectionType.KEYS_ONLY, IndexStatus.CREATING, keys("owner_id", null))), List.of());

    TableComparison.Outcome outcome = TableComparison.compare("dev-Items", ITEMS, found);

    assertThat(outcome.differences()).containsExactly(
        "dev-Items: index owner-index key is owner_id (S) HASH; the definition has owner_id (S) HASH, created (S) RANGE",
        "dev-Items: index owner-index projects KEYS_ONLY; the definition projects ALL");
    assertThat(outcome.pending()).isEmpty();
  }

  @Test
  void aLocalIndexOfADefinedName_isReported() {
    TableDescription found = table(Map.of("item_id", "S", "created", "S", "owner_id", "S"), keys("item_id", "created"),
        List.of(), List.of(local("owner-index", keys("item_id", "owner_id"))));

    assertThat(TableComparison.compare("dev-Items", ITEMS, found).differences()).containsExactly(
        "dev-Items: index owner-index is a local secondary index; the definition has a global one"
            + " (owner_id (S) HASH, created (S) RANGE)");
  }

  @Test
  void aMissingIndex_isToBeAdded_unlessTheTableTypesItsKeyOtherwise() {
    TableDescription untyped = table(Map.of("item_id", "S", "created", "S"), keys("item_id", "created"), List.of(),
        List.of());
    TableDescription typed = table(Map.of("item_id", "S", "created", "S", "owner_id", "N"), keys("item_id", "created"),
        List.of(), List.of());

    TableComparison.Outcome toAdd = TableComparison.compare("dev-Items", ITEMS, untyped);
    TableComparison.Outcome clash = TableComparison.compare("dev-Items", ITEMS, typed);

    assertThat(toAdd.differences()).isEmpty();
    assertThat(toAdd.pending()).containsExactlyElementsOf(ITEMS.indexes());
    assertThat(clash.pending()).isEmpty();
    assertThat(clash.differences()).containsExactly(
        "dev-Items: index owner-index (missing, owner_id (S) HASH, created (S) RANGE) cannot be added: owner_id is N in"
            + " the table");
  }

  @Test
  void anIndexAsDefinedButStillCreating_isWaitedFor() {
    TableDescription found = table(Map.of("item_id", "S", "created", "S", "owner_id", "S"), keys("item_id", "created"),
        List.of(global("owner-index", ProjectionType.ALL, IndexStatus.CREATING, keys("owner_id", "created"))), List.of());

    TableComparison.Outcome outcome = TableComparison.compare("dev-Items", ITEMS, found);

    assertThat(outcome.differences()).isEmpty();
    assertThat(outcome.pending()).containsExactlyElementsOf(ITEMS.indexes());
  }

  @Test
  void indexesNoDefinitionNames_areListed_notReported() {
    TableDescription found = table(Map.of("item_id", "S", "created", "S", "owner_id", "S", "buyer_id", "S"),
        keys("item_id", "created"),
        List.of(global("owner-index", ProjectionType.ALL, IndexStatus.ACTIVE, keys("owner_id", "created")),
            global("buyer-index", ProjectionType.KEYS_ONLY, IndexStatus.ACTIVE, keys("buyer_id", null))),
        List.of(local("by-buyer", keys("item_id", "buyer_id"))));

    TableComparison.Outcome outcome = TableComparison.compare("dev-Items", ITEMS, found);

    assertThat(outcome.differences()).isEmpty();
    assertThat(outcome.unnamed()).containsExactly("global index buyer-index (buyer_id (S) HASH)",
        "local index by-buyer (item_id (S) HASH, buyer_id (S) RANGE)");
  }

  @Test
  void keyText_namesHashBeforeRange_andSaysWhatIsMissing() {
    List<KeySchemaElement> rangeFirst = List.of(
        KeySchemaElement.builder().attributeName("created").keyType(KeyType.RANGE).build(),
        KeySchemaElement.builder().attributeName("item_id").keyType(KeyType.HASH).build());

    assertThat(TableComparison.keyText(rangeFirst, a -> a.equals("item_id") ? ScalarAttributeType.S : null))
        .isEqualTo("item_id (S) HASH, created (type not defined) RANGE");
    assertThat(TableComparison.keyText(List.of(), a -> ScalarAttributeType.S)).isEqualTo("no key");
  }

  private static List<KeySchemaElement> keys(String partition, String sortOrNull) {
    return StorageBootstrap.keys(partition, sortOrNull);
  }

  private static TableDescription table(Map<String, String> types, List<KeySchemaElement> key,
      List<GlobalSecondaryIndexDescription> globals, List<LocalSecondaryIndexDescription> locals) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    types.forEach((name, type) -> attributes.add(
        AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.fromValue(type)).build()));
    return TableDescription.builder().tableName("dev-Items").keySchema(key).attributeDefinitions(attributes)
        .globalSecondaryIndexes(globals).localSecondaryIndexes(locals).build();
  }

  private static GlobalSecondaryIndexDescription global(String name, ProjectionType projection, IndexStatus status,
      List<KeySchemaElement> key) {
    return GlobalSecondaryIndexDescription.builder().indexName(name).keySchema(key)
        .projection(Projection.builder().projectionType(projection).build()).indexStatus(status).build();
  }

  private static LocalSecondaryIndexDescription local(String name, List<KeySchemaElement> key) {
    return LocalSecondaryIndexDescription.builder().indexName(name).keySchema(key)
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build();
  }
}
