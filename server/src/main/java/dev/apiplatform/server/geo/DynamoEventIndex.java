package dev.apiplatform.server.geo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Radius + time search over the {@link EventKeys#GEO_INDEX} GSI: one Query per partition of
 * {@link EventKeys#plan}, the exact haversine filter and the caller's filter (tags ...) on what
 * comes back, a merge by start time, and a cursor (the last {@code startKey} served) for the
 * next page. Reads nothing outside the planned cells and time range; never scans.
 *
 * <p>Items must carry {@code geoBucket}, {@code startKey} and numeric {@code lat}/{@code lng}.
 *
 * <p>The Query runs through a function the caller gives, so that the storage package's one
 * failure wrapper (SDK exceptions become the store's 503) applies without this class naming it:
 * {@code new DynamoEventIndex(r -> Dynamo.call("events search", () -> client.query(r)), table)}.
 */
public final class DynamoEventIndex {

  private static final int QUERY_PAGE = 200;

  private final Function<QueryRequest, QueryResponse> query;
  private final String tableName;

  public DynamoEventIndex(Function<QueryRequest, QueryResponse> query, String tableName) {
    this.query = query;
    this.tableName = tableName;
  }

  public record Hit(Map<String, AttributeValue> item, double distanceMeters) {
    public String startKey() {
      return item.get(EventKeys.START_KEY).s();
    }
  }

  /**
   * @param nextCursor present when more hits follow; pass it back as {@code cursor}
   * @param itemsRead items DynamoDB returned (what the search cost), before any filter
   */
  public record Page(List<Hit> hits, Optional<String> nextCursor, int itemsRead, int queries) {}

  /**
   * Events starting in {@code [from, to)} within {@code radiusMeters} of {@code center} that
   * pass {@code filter}, sorted by start, at most {@code limit}, after {@code cursor} if given.
   */
  public Page search(GeoPoint center, double radiusMeters, Instant from, Instant to,
      Predicate<Map<String, AttributeValue>> filter, int limit, Optional<String> cursor) {
    if (limit < 1) throw new IllegalArgumentException("limit must be >= 1");
    List<Hit> hits = new ArrayList<>();
    int read = 0;
    int queries = 0;
    for (EventKeys.KeyRange range : EventKeys.plan(center, radiusMeters, from, to)) {
      String lo = cursor.filter(c -> c.compareTo(range.sortFrom()) > 0).orElse(range.sortFrom());
      if (lo.compareTo(range.sortTo()) > 0) continue;
      // each partition is in start order: its first limit+1 matches are all a page can use,
      // and a (limit+1)th anywhere tells that another page exists
      int found = 0;
      Map<String, AttributeValue> startAfter = null;
      do {
        QueryRequest request = query(range.partition(), lo, range.sortTo(), startAfter);
        QueryResponse response = query.apply(request);
        queries++;
        read += response.count();
        for (Map<String, AttributeValue> item : response.items()) {
          String key = item.get(EventKeys.START_KEY).s();
          if (cursor.isPresent() && key.compareTo(cursor.get()) <= 0) continue;
          double d = Distance.meters(center, point(item));
          if (d <= radiusMeters && filter.test(item)) {
            hits.add(new Hit(item, d));
            if (++found > limit) break;
          }
        }
        startAfter = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
            ? response.lastEvaluatedKey() : null;
      } while (startAfter != null && found <= limit);
    }
    hits.sort(Comparator.comparing(Hit::startKey));
    boolean more = hits.size() > limit;
    List<Hit> page = List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
    Optional<String> next = more ? Optional.of(page.get(page.size() - 1).startKey()) : Optional.empty();
    return new Page(page, next, read, queries);
  }

  private QueryRequest query(String partition, String lo, String hi, Map<String, AttributeValue> startAfter) {
    var builder = QueryRequest.builder()
        .tableName(tableName)
        .indexName(EventKeys.GEO_INDEX)
        .keyConditionExpression("#p = :p AND #s BETWEEN :lo AND :hi")
        .expressionAttributeNames(Map.of("#p", EventKeys.GEO_BUCKET, "#s", EventKeys.START_KEY))
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition), ":lo", AttributeValue.fromS(lo),
            ":hi", AttributeValue.fromS(hi)))
        .limit(QUERY_PAGE);
    if (startAfter != null) builder.exclusiveStartKey(startAfter);
    return builder.build();
  }

  private static GeoPoint point(Map<String, AttributeValue> item) {
    return new GeoPoint(Double.parseDouble(item.get(EventKeys.LAT).n()), Double.parseDouble(item.get(EventKeys.LNG).n()));
  }
}
