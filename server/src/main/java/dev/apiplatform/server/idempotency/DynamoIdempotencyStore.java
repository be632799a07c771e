package dev.apiplatform.server.idempotency;

import dev.apiplatform.server.storage.StoreCalls;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link IdempotencyStore} on the {@code Idempotency} table (key {@code idempotency_key}), in the
 * manner of Powertools' DynamoDBPersistenceStore: the claim is a put with
 * {@code attribute_not_exists(#id) OR #expiry < :now OR (attribute_not_exists(#response) AND
 * #progress < :now)}; TTL ({@code expires_at}) only tidies up.
 */
public final class DynamoIdempotencyStore implements IdempotencyStore {

  private static final String ID = "idempotency_key";
  private static final String HASH = "request_hash";
  private static final String RESPONSE = "response";
  private static final String EXPIRES = StorageDefinitions.TTL_ATTRIBUTE;
  private static final String IN_PROGRESS = "in_progress_expiry";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoIdempotencyStore(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this.dynamo = dynamo;
    this.table = definitions.tableName(StorageDefinitions.IDEMPOTENCY_TABLE);
  }

  /**
   * One conditional put. When refused, the holder comes back with the refusal itself
   * ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}): no second read, and no window in which
   * the holder could change between the two. A store that returns no old item is read instead.
   */
  @Override
  public Optional<Entry> claim(String key, String requestHash, Instant now, Instant inProgressUntil, Instant expiresAt) {
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        call(() -> dynamo.putItem(r -> r.tableName(table)
            .item(Map.of(ID, AttributeValue.fromS(key), HASH, AttributeValue.fromS(requestHash),
                IN_PROGRESS, epochSeconds(inProgressUntil), EXPIRES, epochSeconds(expiresAt)))
            .conditionExpression("attribute_not_exists(#id) OR #expiry < :now"
                + " OR (attribute_not_exists(#response) AND #progress < :now)")
            .expressionAttributeNames(Map.of("#id", ID, "#expiry", EXPIRES, "#response", RESPONSE, "#progress", IN_PROGRESS))
            .expressionAttributeValues(Map.of(":now", epochSeconds(now)))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        return Optional.empty();
      } catch (ConditionalCheckFailedException e) {
        Optional<Entry> holder = e.hasItem() && !e.item().isEmpty() ? Optional.of(entry(e.item())) : find(key);
        if (holder.isPresent()) return holder;
        // released between the refusal and the read: claim again
      }
    }
    // released and claimed again between our tries: someone holds it right now
    return Optional.of(new Entry(requestHash, Optional.empty(), inProgressUntil, expiresAt));
  }

  @Override
  public Optional<Entry> find(String key) {
    Map<String, AttributeValue> item = call(() -> dynamo.getItem(r -> r.tableName(table)
        .key(Map.of(ID, AttributeValue.fromS(key))).consistentRead(true)).item());
    if (item == null || item.isEmpty()) return Optional.empty();
    return Optional.of(entry(item));
  }

  private static Entry entry(Map<String, AttributeValue> item) {
    AttributeValue response = item.get(RESPONSE);
    Instant expires = Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES).n()));
    // entries written before in-progress expiry existed hold the key for their whole retention
    AttributeValue progress = item.get(IN_PROGRESS);
    Instant inProgressUntil = progress == null ? expires : Instant.ofEpochSecond(Long.parseLong(progress.n()));
    return new Entry(item.get(HASH).s(), Optional.ofNullable(response).map(AttributeValue::s), inProgressUntil, expires);
  }

  private static AttributeValue epochSeconds(Instant at) {
    return AttributeValue.fromN(Long.toString(at.getEpochSecond()));
  }

  @Override
  public void complete(String key, String response) {
    call(() -> dynamo.updateItem(r -> r.tableName(table).key(Map.of(ID, AttributeValue.fromS(key)))
        .updateExpression("SET #r = :r").expressionAttributeNames(Map.of("#r", RESPONSE))
        .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(response)))));
  }

  @Override
  public void release(String key) {
    call(() -> dynamo.deleteItem(r -> r.tableName(table).key(Map.of(ID, AttributeValue.fromS(key)))));
  }

  private static <T> T call(Supplier<T> call) {
    return StoreCalls.dynamo("Idempotency store call", call);
  }
}
