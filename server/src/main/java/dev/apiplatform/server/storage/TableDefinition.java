package dev.apiplatform.server.storage;

import java.util.List;
import java.util.Optional;

/**
 * A DynamoDB table as the platform needs it. String keys only: every key in the platform is an
 * id, a phone number, an email or a sortable timestamp string.
 */
public record TableDefinition(String name, String partitionKey, Optional<String> sortKey, List<Index> indexes) {

  /** A global secondary index projecting all attributes. */
  public record Index(String name, String partitionKey, Optional<String> sortKey) {}

  public static TableDefinition of(String name, String partitionKey) {
    return new TableDefinition(name, partitionKey, Optional.empty(), List.of());
  }

  public TableDefinition withSortKey(String key) {
    return new TableDefinition(name, partitionKey, Optional.of(key), indexes);
  }

  public TableDefinition withIndex(String indexName, String indexPartitionKey, String indexSortKeyOrNull) {
    var all = new java.util.ArrayList<>(indexes);
    all.add(new Index(indexName, indexPartitionKey, Optional.ofNullable(indexSortKeyOrNull)));
    return new TableDefinition(name, partitionKey, sortKey, List.copyOf(all));
  }
}
