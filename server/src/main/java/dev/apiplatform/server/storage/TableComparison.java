package dev.apiplatform.server.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Compares a table DynamoDB describes with its {@link TableDefinition}: what differs in what
 * DynamoDB cannot change, which defined indexes are to be added or waited for, and what the table
 * has that the definition does not name (the rules are in {@link StorageBootstrap}'s comment).
 * Pure functions of the two: no calls, no logging.
 */
final class TableComparison {

  private TableComparison() {}

  /**
   * What one comparison found.
   *
   * @param differences "table: what differs", what DynamoDB cannot change in place
   * @param pending the defined indexes the table lacks (to add) or has not yet ACTIVE (to wait for)
   * @param unnamed the indexes no definition names, as "global index name (key)" or "local index ..."
   */
  record Outcome(List<String> differences, List<TableDefinition.Index> pending, List<String> unnamed) {}

  /** {@code found} (the table {@code name}) against {@code table}, its definition. */
  static Outcome compare(String name, TableDefinition table, TableDescription found) {
    Map<String, ScalarAttributeType> types = new HashMap<>();
    for (AttributeDefinition a : found.attributeDefinitions()) types.put(a.attributeName(), a.attributeType());
    List<String> differences = new ArrayList<>();
    String wanted = keyText(StorageBootstrap.keys(table.partitionKey(), table.sortKey().orElse(null)),
        a -> ScalarAttributeType.S);
    String actual = keyText(found.keySchema(), types::get);
    if (!wanted.equals(actual)) differences.add(name + ": key is " + actual + "; the definition has " + wanted);

    Map<String, GlobalSecondaryIndexDescription> globals = new LinkedHashMap<>();
    for (GlobalSecondaryIndexDescription g : found.globalSecondaryIndexes()) globals.put(g.indexName(), g);
    Map<String, LocalSecondaryIndexDescription> locals = new LinkedHashMap<>();
    for (LocalSecondaryIndexDescription l : found.localSecondaryIndexes()) locals.put(l.indexName(), l);
    List<TableDefinition.Index> pending = new ArrayList<>();
    for (TableDefinition.Index index : table.indexes()) {
      String wantedIndex = keyText(StorageBootstrap.keys(index.partitionKey(), index.sortKey().orElse(null)),
          a -> ScalarAttributeType.S);
      GlobalSecondaryIndexDescription global = globals.remove(index.name());
      if (locals.remove(index.name()) != null) {
        differences.add(name + ": index " + index.name() + " is a local secondary index; the definition has a global one ("
            + wantedIndex + ")");
      } else if (global == null) {
        List<String> clashes = new ArrayList<>();
        for (String attribute : indexAttributes(index)) {
          ScalarAttributeType type = types.get(attribute);
          if (type != null && type != ScalarAttributeType.S) clashes.add(attribute + " is " + type + " in the table");
        }
        if (clashes.isEmpty()) {
          pending.add(index);
        } else {
          differences.add(name + ": index " + index.name() + " (missing, " + wantedIndex + ") cannot be added: "
              + String.join(", ", clashes));
        }
      } else {
        String actualIndex = keyText(global.keySchema(), types::get);
        if (!wantedIndex.equals(actualIndex)) {
          differences.add(name + ": index " + index.name() + " key is " + actualIndex + "; the definition has " + wantedIndex);
        }
        ProjectionType projection = global.projection() == null ? null : global.projection().projectionType();
        if (projection != ProjectionType.ALL) {
          differences.add(name + ": index " + index.name() + " projects " + projection + "; the definition projects ALL");
        }
        // a peer's UpdateTable (or an earlier start) is still building it: wait for it, add nothing
        if (wantedIndex.equals(actualIndex) && projection == ProjectionType.ALL
            && global.indexStatus() != IndexStatus.ACTIVE) {
          pending.add(index);
        }
      }
    }
    List<String> unnamed = new ArrayList<>();
    globals.forEach((index, g) -> unnamed.add("global index " + index + " (" + keyText(g.keySchema(), types::get) + ")"));
    locals.forEach((index, l) -> unnamed.add("local index " + index + " (" + keyText(l.keySchema(), types::get) + ")"));
    return new Outcome(differences, pending, unnamed);
  }

  /** "user_id (S) HASH, created (S) RANGE": names, key types and attribute types in one comparable text. */
  static String keyText(List<KeySchemaElement> keys, Function<String, ScalarAttributeType> types) {
    List<String> parts = new ArrayList<>();
    for (KeyType kind : List.of(KeyType.HASH, KeyType.RANGE)) {
      for (KeySchemaElement key : keys) {
        if (key.keyType() != kind) continue;
        ScalarAttributeType type = types.apply(key.attributeName());
        parts.add(key.attributeName() + " (" + (type == null ? "type not defined" : type) + ") " + kind);
      }
    }
    return parts.isEmpty() ? "no key" : String.join(", ", parts);
  }

  /** The index's key attributes, partition key first: each must be (or become) an S attribute of the table. */
  static List<String> indexAttributes(TableDefinition.Index index) {
    List<String> attributes = new ArrayList<>();
    attributes.add(index.partitionKey());
    index.sortKey().ifPresent(attributes::add);
    return attributes;
  }
}
