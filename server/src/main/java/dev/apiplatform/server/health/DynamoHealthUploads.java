package dev.apiplatform.server.health;

import static dev.apiplatform.server.storage.Dynamo.s;

import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.StoreCalls;
import dev.apiplatform.server.storage.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Uploads on {@code HealthUploads} ({@code userId} + {@code processingId}), the caller's sync
 * tokens in the same partition ({@code sync#<token>} items pointing at their upload), and the
 * deletion audit on {@code HealthDeletions}. Keyed by owner, so a read is owner-only by its key.
 */
final class DynamoHealthUploads {

  private static final String USER = "userId";
  private static final String ID = "processingId";
  private static final String SOURCE = "uploadSource";
  private static final String CREATED = "createdAt";
  private static final String SYNC = "syncToken";
  private static final String METRICS = "metrics";
  private static final String DELETING = "deleting";
  private static final String REF = "ref";
  private static final String SYNC_PREFIX = "sync#";

  private final DynamoDbClient dynamo;
  private final String uploads;
  private final String deletions;

  DynamoHealthUploads(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this.dynamo = dynamo;
    this.uploads = definitions.tableName(HealthDataGroup.UPLOADS_TABLE);
    this.deletions = definitions.tableName(HealthDataGroup.DELETIONS_TABLE);
  }

  /**
   * Stores the upload and claims its sync token in one transaction.
   *
   * @return empty when stored; the processing id holding the sync token when another upload has it
   */
  Optional<String> create(HealthUpload u) {
    Map<String, AttributeValue> item = new HashMap<>(key(u.userId(), u.processingId()));
    item.put(SOURCE, s(u.uploadSource()));
    item.put(CREATED, s(u.createdAt().toString()));
    u.syncToken().ifPresent(t -> item.put(SYNC, s(t)));
    item.put(METRICS, AttributeValue.fromL(u.metrics().stream().map(m -> AttributeValue.fromM(Map.of(
        "id", s(m.metricId()), "type", s(m.metricType()), "at", s(m.createdAt().toString()), "json", s(m.json()))))
        .toList()));
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().put(Put.builder().tableName(uploads).item(item)
        .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", ID)).build()).build());
    u.syncToken().ifPresent(t -> {
      Map<String, AttributeValue> claim = new HashMap<>(key(u.userId(), SYNC_PREFIX + t));
      claim.put(REF, s(u.processingId()));
      items.add(TransactWriteItem.builder().put(Put.builder().tableName(uploads).item(claim)
          .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", ID)).build())
          .build());
    });
    Optional<List<String>> reasons = Dynamo.transact("Storing health upload", dynamo, items);
    if (reasons.isEmpty()) return Optional.empty();
    if (u.syncToken().isPresent() && Dynamo.conditionFailed(reasons.get(), 1)) {
      Optional<String> holder = findSync(u.userId(), u.syncToken().get());
      if (holder.isPresent()) return holder;
    }
    throw new StoreUnavailableException("Storing health upload was cancelled: " + reasons.get());
  }

  Optional<String> findSync(String userId, String syncToken) {
    return read(userId, SYNC_PREFIX + syncToken).map(i -> i.get(REF).s());
  }

  /** The caller's upload; one being deleted is still found (so a retried delete finishes the job). */
  Optional<HealthUpload> find(String userId, String processingId) {
    return read(userId, processingId).map(i -> new HealthUpload(i.get(USER).s(), i.get(ID).s(), i.get(SOURCE).s(),
        Instant.parse(i.get(CREATED).s()), Dynamo.optString(i, SYNC), i.get(METRICS).l().stream().map(m -> {
          Map<String, AttributeValue> f = m.m();
          return new HealthUpload.StoredMetricJson(f.get("id").s(), f.get("type").s(), Instant.parse(f.get("at").s()),
              f.get("json").s());
        }).toList()));
  }

  /** The condition a worker's metric writes carry: the upload exists and no delete has begun. */
  TransactWriteItem live(String userId, String processingId) {
    return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(uploads)
        .key(key(userId, processingId)).conditionExpression("attribute_exists(#id) AND attribute_not_exists(#d)")
        .expressionAttributeNames(Map.of("#id", ID, "#d", DELETING)).build()).build();
  }

  /** Flags the upload as being deleted, so no worker writes for it from now on. False if it is gone. */
  boolean markDeleting(String userId, String processingId) {
    try {
      StoreCalls.dynamo("Marking health upload deleted", () -> dynamo.updateItem(r -> r.tableName(uploads)
          .key(key(userId, processingId)).updateExpression("SET #d = :t").conditionExpression("attribute_exists(#id)")
          .expressionAttributeNames(Map.of("#d", DELETING, "#id", ID))
          .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true)))));
      return true;
    } catch (ConditionalCheckFailedException gone) {
      return false;
    }
  }

  void delete(HealthUpload u) {
    u.syncToken().ifPresent(t -> StoreCalls.dynamo("Deleting sync token",
        () -> dynamo.deleteItem(r -> r.tableName(uploads).key(key(u.userId(), SYNC_PREFIX + t)))));
    StoreCalls.dynamo("Deleting health upload",
        () -> dynamo.deleteItem(r -> r.tableName(uploads).key(key(u.userId(), u.processingId()))));
  }

  /** The audit record of a deletion: who, which upload, when, how much; no health data. */
  void audit(String userId, String processingId, Instant deletedAt, int metricsDeleted, String requestId) {
    Map<String, AttributeValue> item = Map.of(USER, s(userId), "deletionKey", s(deletedAt + "#" + processingId),
        ID, s(processingId), "deletedAt", s(deletedAt.toString()), "metricsDeleted", Dynamo.n(metricsDeleted),
        "requestId", s(requestId));
    StoreCalls.dynamo("Recording the deletion", () -> dynamo.putItem(r -> r.tableName(deletions).item(item)));
  }

  void ping() {
    read("health-check", "health-check");
  }

  private Optional<Map<String, AttributeValue>> read(String userId, String sortKey) {
    Map<String, AttributeValue> found = StoreCalls.dynamo("Reading health upload",
        () -> dynamo.getItem(r -> r.tableName(uploads).key(key(userId, sortKey)).consistentRead(true)).item());
    return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found);
  }

  private static Map<String, AttributeValue> key(String userId, String sortKey) {
    return Map.of(USER, s(userId), ID, s(sortKey));
  }
}
