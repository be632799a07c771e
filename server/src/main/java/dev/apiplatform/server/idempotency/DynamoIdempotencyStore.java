package dev.apiplatform.server.idempotency;

import dev.apiplatform.server.storage.StoreCalls;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link IdempotencyStore} on the {@code Idempotency} table (key {@code idempotency_key}), in the
 * manner of Powertools' DynamoDBPersistenceStore: the claim is a put with
 * {@code attribute_not_exists(#id) OR #expiry < :now}; TTL ({@code expires_at}) only tidies up.
 */
public final class DynamoIdempotencyStore implements IdempotencyStore {

  private static final Logger LOG = LoggerFactory.getLogger(DynamoIdempotencyStore.class);
  private static final String ID = "idempotency_key";
  private static final String HASH = "request_hash";
  private static final String RESPONSE = "response";
  private static final String EXPIRES = StorageDefinitions.TTL_ATTRIBUTE;

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoIdempotencyStore(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this.dynamo = dynamo;
    this.table = definitions.tableName(StorageDefinitions.IDEMPOTENCY_TABLE);
  }

  @Override
  public boolean claim(String key, String requestHash, Instant now, Instant expiresAt) {
    try {
      call(() -> dynamo.putItem(r -> r.tableName(table)
          .item(Map.of(ID, AttributeValue.fromS(key), HASH, AttributeValue.fromS(requestHash),
              EXPIRES, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond()))))
          .conditionExpression("attribute_not_exists(#id) OR #expiry < :now")
          .expressionAttributeNames(Map.of("#id", ID, "#expiry", EXPIRES))
          .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public Optional<Entry> find(String key) {
    Map<String, AttributeValue> item = call(() -> dynamo.getItem(r -> r.tableName(table)
        .key(Map.of(ID, AttributeValue.fromS(key))).consistentRead(true)).item());
    if (item == null || item.isEmpty()) return Optional.empty();
    AttributeValue response = item.get(RESPONSE);
    return Optional.of(new Entry(item.get(HASH).s(), Optional.ofNullable(response).map(AttributeValue::s),
        Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES).n()))));
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
    return StoreCalls.dynamo(LOG, "Idempotency store call", call);
  }
}
