package dev.apiplatform.server.identity.store;

import static dev.apiplatform.server.storage.Dynamo.epochSeconds;
import static dev.apiplatform.server.storage.Dynamo.instant;
import static dev.apiplatform.server.storage.Dynamo.n;
import static dev.apiplatform.server.storage.Dynamo.number;
import static dev.apiplatform.server.storage.Dynamo.optString;
import static dev.apiplatform.server.storage.Dynamo.s;
import static dev.apiplatform.server.storage.Dynamo.string;

import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.StoreUnavailableException;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link CodeStore} on the {@code Codes} table: one item per key, {@code expires_at} (epoch
 * seconds) as TTL. Single use is a conditional delete, so concurrent verifications of one code
 * succeed at most once.
 */
public final class DynamoCodeStore implements CodeStore {

  private static final String KEY = "code_key";
  private static final String PURPOSE = "purpose";
  private static final String DESTINATION = "destination";
  private static final String SESSION_BINDING = "session_binding";
  private static final String CODE_HASH = "code_hash";
  private static final String ATTEMPTS = "attempts";
  private static final String MAX_ATTEMPTS = "max_attempts";
  private static final String CREATED_AT = "created_at";
  private static final String EXPIRES_AT = StorageDefinitions.TTL_ATTRIBUTE;

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public DynamoCodeStore(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this(dynamo, definitions, Clock.systemUTC());
  }

  public DynamoCodeStore(DynamoDbClient dynamo, StorageDefinitions definitions, Clock clock) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = definitions.tableName(StorageDefinitions.CODES_TABLE);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void put(CodeRecord code) {
    Dynamo.run("Storing code", () -> dynamo.putItem(r -> r.tableName(table).item(codeToItem(code))));
  }

  @Override
  public Optional<CodeRecord> find(String key) {
    return Dynamo.call("Reading code", () -> {
      var response = dynamo.getItem(r -> r.tableName(table).key(key(key)).consistentRead(true));
      if (!response.hasItem() || response.item().isEmpty()) return Optional.<CodeRecord>empty();
      if (!Dynamo.live(response.item(), EXPIRES_AT, clock.instant())) return Optional.<CodeRecord>empty();
      return Optional.of(itemToCode(response.item()));
    });
  }

  @Override
  public int recordFailedAttempt(String key) {
    return Dynamo.call("Recording failed code attempt", () -> {
      try {
        var response = dynamo.updateItem(r -> r.tableName(table).key(key(key))
            .updateExpression("ADD #attempts :one")
            .conditionExpression("attribute_exists(#key)")
            .expressionAttributeNames(Map.of("#attempts", ATTEMPTS, "#key", KEY))
            .expressionAttributeValues(Map.of(":one", n(1)))
            .returnValues(ReturnValue.UPDATED_NEW));
        return (int) number(response.attributes(), ATTEMPTS);
      } catch (ConditionalCheckFailedException e) {
        return 0;
      }
    });
  }

  @Override
  public boolean consume(String key, String expectedCodeHash) {
    long now = clock.instant().getEpochSecond();
    return Dynamo.call("Consuming code", () -> {
      try {
        dynamo.deleteItem(r -> r.tableName(table).key(key(key))
            .conditionExpression("attribute_exists(#key) AND #hash = :hash"
                + " AND #attempts < #max AND #expires > :now")
            .expressionAttributeNames(Map.of("#key", KEY, "#hash", CODE_HASH, "#attempts", ATTEMPTS,
                "#max", MAX_ATTEMPTS, "#expires", EXPIRES_AT))
            .expressionAttributeValues(Map.of(":hash", s(expectedCodeHash), ":now", n(now))));
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    });
  }

  @Override
  public void delete(String key) {
    Dynamo.run("Deleting code", () -> dynamo.deleteItem(r -> r.tableName(table).key(key(key))));
  }

  // --- keys and items ---------------------------------------------------------------------

  private static Map<String, AttributeValue> key(String key) {
    return Map.of(KEY, s(key));
  }

  private static Map<String, AttributeValue> codeToItem(CodeRecord code) {
    Map<String, AttributeValue> item = new HashMap<>(key(code.key()));
    item.put(PURPOSE, s(code.purpose()));
    item.put(DESTINATION, s(code.destination()));
    code.sessionBinding().ifPresent(v -> item.put(SESSION_BINDING, s(v)));
    item.put(CODE_HASH, s(code.codeHash()));
    item.put(ATTEMPTS, n(code.attempts()));
    item.put(MAX_ATTEMPTS, n(code.maxAttempts()));
    item.put(CREATED_AT, instant(code.createdAt()));
    item.put(EXPIRES_AT, epochSeconds(code.expiresAt()));
    return item;
  }

  private static CodeRecord itemToCode(Map<String, AttributeValue> item) {
    return new CodeRecord(
        string(item, KEY),
        string(item, PURPOSE),
        string(item, DESTINATION),
        optString(item, SESSION_BINDING),
        string(item, CODE_HASH),
        (int) number(item, ATTEMPTS),
        (int) number(item, MAX_ATTEMPTS),
        Dynamo.instant(item, CREATED_AT),
        Dynamo.fromEpochSeconds(item, EXPIRES_AT));
  }
}
