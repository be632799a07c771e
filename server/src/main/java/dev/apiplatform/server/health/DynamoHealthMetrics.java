package dev.apiplatform.server.health;

import static dev.apiplatform.server.storage.Dynamo.s;

import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.QueryPages;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.StoreCalls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Processed metrics on {@code HealthMetrics}: partition {@code userId}, sort key
 * {@code metricKey} = {@code <created_at, fixed-width millis>#<processing_id>_<metric_id>}, so a
 * time range is one key condition and a page ends at a key (the cursor). The key carries the
 * processing id, so the same client metric id in two uploads is two items and deleting one upload
 * never removes another's metric.
 */
final class DynamoHealthMetrics {

  private static final String USER = "userId";
  private static final String KEY = "metricKey";
  private static final String TYPE = "metricType";
  private static final String JSON = "metric";
  /** Shifts year 0000 to 0, so every ISO instant a client may send keys as a non-negative number. */
  private static final long EPOCH_SHIFT = 62_167_219_200_000L;
  private static final String LOWEST = pad(Long.MIN_VALUE);
  private static final String HIGHEST = "9";

  /** Writes beside the liveness check per transaction (DynamoDB allows 100 items). */
  static final int WRITE_CHUNK = 25;

  private final DynamoDbClient dynamo;
  private final String table;

  DynamoHealthMetrics(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this.dynamo = dynamo;
    this.table = definitions.tableName(HealthDataGroup.METRICS_TABLE);
  }

  static String key(Instant createdAt, String processingId, String metricId) {
    return pad(createdAt.toEpochMilli()) + "#" + id(processingId, metricId);
  }

  /** The part of the key after the time: what a cursor names. */
  static String id(String processingId, String metricId) {
    return processingId + "_" + metricId;
  }

  private static String pad(long epochMillis) {
    long shifted = epochMillis == Long.MIN_VALUE ? 0 : Math.max(0, epochMillis + EPOCH_SHIFT);
    return String.format("%016d", shifted);
  }

  /**
   * Writes {@code metrics} in transactions that each also check {@code live}, so nothing is
   * written once a delete has begun. Puts are keyed deterministically: a redelivered job writes
   * the same items again. False when the upload is gone or being deleted.
   */
  boolean writeWhile(TransactWriteItem live, String userId, String processingId,
      List<HealthUpload.StoredMetricJson> metrics) {
    for (int from = 0; from < metrics.size(); from += WRITE_CHUNK) {
      List<TransactWriteItem> items = new ArrayList<>();
      items.add(live);
      for (HealthUpload.StoredMetricJson m : metrics.subList(from, Math.min(metrics.size(), from + WRITE_CHUNK))) {
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(USER, s(userId),
            KEY, s(key(m.createdAt(), processingId, m.metricId())), TYPE, s(m.metricType()), JSON, s(m.json())))
            .build()).build());
      }
      Optional<List<String>> reasons = Dynamo.transact("Writing health metrics", dynamo, items);
      if (reasons.isPresent()) {
        if (Dynamo.conditionFailed(reasons.get(), 0)) return false;
        throw new dev.apiplatform.server.storage.StoreUnavailableException("Writing health metrics cancelled: "
            + reasons.get());
      }
    }
    return true;
  }

  void delete(String userId, String metricKey) {
    StoreCalls.dynamo("Deleting health metric",
        () -> dynamo.deleteItem(r -> r.tableName(table).key(Map.of(USER, s(userId), KEY, s(metricKey)))));
  }

  /**
   * Deletes every metric of one upload found by its processing id in the keys (uploads whose
   * metrics are not listed on their upload item: extracted HealthKit metrics). Reads the owner's
   * partition: a GDPR delete is rare and must be complete.
   */
  int deleteUpload(String userId, String processingId) {
    List<String> keys = new ArrayList<>();
    String mark = "#" + processingId + "_"; // DynamoDB filters no key attribute: matched here
    QueryPages.query(dynamo, "Finding an upload's health metrics", () -> QueryRequest.builder().tableName(table)
        .keyConditionExpression("#u = :u").consistentRead(true)
        .projectionExpression("#k").expressionAttributeNames(Map.of("#u", USER, "#k", KEY))
        .expressionAttributeValues(Map.of(":u", s(userId))), null, response -> {
          response.items().forEach(i -> {
            if (i.get(KEY).s().contains(mark)) keys.add(i.get(KEY).s());
          });
          return true;
        });
    keys.forEach(k -> delete(userId, k));
    return keys.size();
  }

  /** One page, newest first, and whether more follow. */
  record Page(List<String> metricsJson, Optional<String> lastKey, boolean hasNext) {}

  /** Which metrics a listing covers: {@code [from, to)} and optionally one type. */
  record Filter(String userId, Optional<Instant> from, Optional<Instant> to, Optional<String> metricType) {}

  Page page(Filter f, Optional<String> afterKey, int limit) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    Map<String, AttributeValue> start = afterKey.map(k -> Map.of(USER, s(f.userId()), KEY, s(k))).orElse(null);
    QueryPages.query(dynamo, "Listing health metrics", () -> request(f).scanIndexForward(false)
        .limit(Math.max(1, limit + 1 - found.size())), start, response -> {
          found.addAll(response.items());
          return found.size() <= limit;
        });
    boolean hasNext = found.size() > limit;
    List<Map<String, AttributeValue>> page = hasNext ? found.subList(0, limit) : found;
    return new Page(page.stream().map(i -> i.get(JSON).s()).toList(),
        page.isEmpty() ? Optional.empty() : Optional.of(page.get(page.size() - 1).get(KEY).s()), hasNext);
  }

  int count(Filter f) {
    int[] total = {0};
    QueryPages.query(dynamo, "Counting health metrics", () -> request(f).select(Select.COUNT), null, response -> {
      total[0] += response.count();
      return true;
    });
    return total[0];
  }

  private QueryRequest.Builder request(Filter f) {
    Map<String, String> names = new HashMap<>(Map.of("#u", USER, "#k", KEY));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":u", s(f.userId()),
        ":lo", s(f.from().map(t -> pad(t.toEpochMilli())).orElse(LOWEST)),
        // "<to>#" sorts after every key before `to` and before every key at it: an exclusive end
        ":hi", s(f.to().map(t -> pad(t.toEpochMilli()) + "#").orElse(HIGHEST))));
    QueryRequest.Builder b = QueryRequest.builder().tableName(table)
        .keyConditionExpression("#u = :u AND #k BETWEEN :lo AND :hi").consistentRead(true);
    if (f.metricType().isPresent()) {
      names.put("#t", TYPE);
      values.put(":t", s(f.metricType().get()));
      b.filterExpression("#t = :t");
    }
    return b.expressionAttributeNames(names).expressionAttributeValues(values);
  }
}
