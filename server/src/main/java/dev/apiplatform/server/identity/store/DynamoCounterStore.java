package dev.apiplatform.server.identity.store;

import static dev.apiplatform.server.storage.Dynamo.n;
import static dev.apiplatform.server.storage.Dynamo.number;
import static dev.apiplatform.server.storage.Dynamo.s;

import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.StoreUnavailableException;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link CounterStore} on the {@code Counters} table. Item keys: {@code <key>#<window start>#<window
 * length>} (both in seconds; the length keeps windows of different lengths apart) for windows, {@code <key>#last} for events, {@code <key>#failures} for failure
 * counts. Every item carries {@code expires_at} (TTL, epoch seconds); reads and writes treat an
 * item at or past it as absent, since TTL deletion is lazy (and DynamoDB Local never deletes).
 */
public final class DynamoCounterStore implements CounterStore {

  private static final String KEY = "counter_key";
  private static final String COUNT = "count";
  /** Epoch milliseconds of the latest event or failure. */
  private static final String LAST_AT = "last_at";
  private static final String EXPIRES_AT = StorageDefinitions.TTL_ATTRIBUTE;

  private static final String EVENT_SUFFIX = "#last";
  private static final String FAILURES_SUFFIX = "#failures";
  private static final int RESET_ATTEMPTS = 5;

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public DynamoCounterStore(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this(dynamo, definitions, Clock.systemUTC());
  }

  public DynamoCounterStore(DynamoDbClient dynamo, StorageDefinitions definitions, Clock clock) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = definitions.tableName(StorageDefinitions.COUNTERS_TABLE);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public long incrementWindow(String key, Duration window, Instant now) {
    return addToWindow(key, window, now, 1);
  }

  @Override
  public long addToWindow(String key, Duration window, Instant now, long amount) {
    long length = window.getSeconds();
    if (length < 1 || window.getNano() != 0) {
      throw new IllegalArgumentException("A window is a whole number of seconds, at least 1: " + window);
    }
    long start = Math.floorDiv(now.getEpochSecond(), length) * length;
    return Dynamo.call("Counting in window", () -> {
      var response = dynamo.updateItem(r -> r.tableName(table).key(key(key + "#" + start + "#" + length))
          .updateExpression("ADD #count :one SET #expires = :end")
          .expressionAttributeNames(Map.of("#count", COUNT, "#expires", EXPIRES_AT))
          .expressionAttributeValues(Map.of(":one", n(amount), ":end", n(start + length)))
          .returnValues(ReturnValue.UPDATED_NEW));
      return number(response.attributes(), COUNT);
    });
  }

  @Override
  public Optional<Instant> lastEvent(String key) {
    return liveItem(key + EVENT_SUFFIX).map(item -> Instant.ofEpochMilli(number(item, LAST_AT)));
  }

  @Override
  public void markEvent(String key, Instant at, Duration keep) {
    Dynamo.run("Marking event", () -> dynamo.putItem(r -> r.tableName(table).item(Map.of(
        KEY, s(key + EVENT_SUFFIX),
        LAST_AT, n(at.toEpochMilli()),
        EXPIRES_AT, n(at.plus(keep).getEpochSecond())))));
  }

  @Override
  public boolean tryMarkEvent(String key, Instant at, Duration minInterval, Duration keep) {
    return Dynamo.call("Marking event", () -> {
      try {
        dynamo.putItem(r -> r.tableName(table)
            .item(Map.of(
                KEY, s(key + EVENT_SUFFIX),
                LAST_AT, n(at.toEpochMilli()),
                EXPIRES_AT, n(at.plus(keep).getEpochSecond())))
            .conditionExpression("attribute_not_exists(#key) OR #expires <= :nowSeconds OR #last <= :threshold")
            .expressionAttributeNames(Map.of("#key", KEY, "#expires", EXPIRES_AT, "#last", LAST_AT))
            .expressionAttributeValues(Map.of(
                ":nowSeconds", n(at.getEpochSecond()),
                ":threshold", n(at.minus(minInterval).toEpochMilli()))));
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    });
  }

  @Override
  public long failures(String key) {
    return liveItem(key + FAILURES_SUFFIX).map(item -> number(item, COUNT)).orElse(0L);
  }

  @Override
  public long recordFailure(String key, Instant now, Duration keep) {
    String itemKey = key + FAILURES_SUFFIX;
    Map<String, String> names = Map.of("#key", KEY, "#count", COUNT, "#expires", EXPIRES_AT, "#last", LAST_AT);
    AttributeValue nowSeconds = n(now.getEpochSecond());
    AttributeValue expires = n(now.plus(keep).getEpochSecond());
    AttributeValue last = n(now.toEpochMilli());
    return Dynamo.call("Recording failure", () -> {
      for (int attempt = 1; ; attempt++) {
        // a live (or no) count: add one
        try {
          var response = dynamo.updateItem(r -> r.tableName(table).key(key(itemKey))
              .updateExpression("ADD #count :one SET #expires = :expires, #last = :last")
              .conditionExpression("attribute_not_exists(#key) OR #expires > :nowSeconds")
              .expressionAttributeNames(names)
              .expressionAttributeValues(Map.of(":one", n(1), ":expires", expires, ":last", last,
                  ":nowSeconds", nowSeconds))
              .returnValues(ReturnValue.UPDATED_NEW));
          return number(response.attributes(), COUNT);
        } catch (ConditionalCheckFailedException expired) {
          // fall through: an expired count TTL has not deleted yet
        }
        try {
          dynamo.putItem(r -> r.tableName(table)
              .item(Map.of(KEY, s(itemKey), COUNT, n(1), EXPIRES_AT, expires, LAST_AT, last))
              .conditionExpression("#expires <= :nowSeconds")
              .expressionAttributeNames(Map.of("#expires", EXPIRES_AT))
              .expressionAttributeValues(Map.of(":nowSeconds", nowSeconds)));
          return 1L;
        } catch (ConditionalCheckFailedException raced) {
          if (attempt >= RESET_ATTEMPTS) {
            throw new StoreUnavailableException("Recording a failure kept racing for " + key);
          }
        }
      }
    });
  }

  @Override
  public void reset(String key) {
    Dynamo.run("Resetting failures", () -> dynamo.deleteItem(r -> r.tableName(table).key(key(key + FAILURES_SUFFIX))));
  }

  // --- keys and items ---------------------------------------------------------------------

  private static Map<String, AttributeValue> key(String itemKey) {
    return Map.of(KEY, s(itemKey));
  }

  private Optional<Map<String, AttributeValue>> liveItem(String itemKey) {
    Instant now = clock.instant();
    return Dynamo.call("Reading counter", () -> {
      var response = dynamo.getItem(r -> r.tableName(table).key(key(itemKey)).consistentRead(true));
      if (!response.hasItem() || response.item().isEmpty()) return Optional.<Map<String, AttributeValue>>empty();
      return Dynamo.live(response.item(), EXPIRES_AT, now) ? Optional.of(response.item()) : Optional.empty();
    });
  }
}
