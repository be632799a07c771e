package dev.apiplatform.server.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The search's requests and paging logic against a client that answers Query the way the GSI
 * does (key condition, Limit, LastEvaluatedKey). Real DynamoDB Local coverage belongs to the
 * store tests of the events group.
 */
class DynamoEventIndexTest {

  static final Instant EPOCH = Instant.parse("2025-09-01T00:00:00Z");

  /** Serves Query from partition → startKey → item, refusing anything but the planned shape. */
  static final class GsiClient implements DynamoDbClient {
    final Map<String, TreeMap<String, Map<String, AttributeValue>>> partitions = new HashMap<>();
    int queries;

    @Override
    public QueryResponse query(QueryRequest r) {
      queries++;
      assertThat(r.tableName()).isEqualTo("dev-MotionEvents");
      assertThat(r.indexName()).isEqualTo(EventKeys.GEO_INDEX);
      assertThat(r.keyConditionExpression()).isEqualTo("#p = :p AND #s BETWEEN :lo AND :hi");
      assertThat(r.expressionAttributeNames())
          .containsExactlyInAnyOrderEntriesOf(Map.of("#p", EventKeys.GEO_BUCKET, "#s", EventKeys.START_KEY));
      var values = r.expressionAttributeValues();
      var partition = partitions.getOrDefault(values.get(":p").s(), new TreeMap<>());
      var range = partition.subMap(values.get(":lo").s(), true, values.get(":hi").s(), true);
      if (r.hasExclusiveStartKey()) range = range.tailMap(r.exclusiveStartKey().get(EventKeys.START_KEY).s(), false);
      List<Map<String, AttributeValue>> items = new ArrayList<>(range.values()).subList(0, Math.min(r.limit(), range.size()));
      var response = QueryResponse.builder().items(items).count(items.size());
      if (range.size() > r.limit()) {
        Map<String, AttributeValue> last = items.get(items.size() - 1);
        response.lastEvaluatedKey(Map.of(EventKeys.EVENT_ID, last.get(EventKeys.EVENT_ID),
            EventKeys.GEO_BUCKET, last.get(EventKeys.GEO_BUCKET), EventKeys.START_KEY, last.get(EventKeys.START_KEY)));
      }
      return response.build();
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  @Test
  void pagedSearch_returnsExactlyTheBruteForceResult_inStartOrder_acrossPages() {
    Random random = new Random(99);
    GsiClient client = new GsiClient();
    List<Map<String, AttributeValue>> all = new ArrayList<>();
    List<GeoPoint> points = new ArrayList<>();
    List<Instant> starts = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      GeoPoint at = GeoFixtures.around(random, GeoFixtures.PLACES[i % GeoFixtures.PLACES.length], 100_000);
      Instant start = EPOCH.plusSeconds(random.nextInt(60 * 86_400));
      Map<String, AttributeValue> item = new HashMap<>(EventKeys.indexAttributes(at, start, "ev-" + i));
      item.put(EventKeys.EVENT_ID, AttributeValue.fromS("ev-" + i));
      item.put("tags", AttributeValue.fromSs(List.of(i % 2 == 0 ? "music" : "market")));
      all.add(item);
      points.add(at);
      starts.add(start);
      client.partitions.computeIfAbsent(item.get(EventKeys.GEO_BUCKET).s(), k -> new TreeMap<>())
          .put(item.get(EventKeys.START_KEY).s(), item);
    }
    DynamoEventIndex index = new DynamoEventIndex(client::query, "dev-MotionEvents");

    for (int q = 0; q < 40; q++) {
      GeoPoint center = GeoFixtures.around(random, GeoFixtures.PLACES[q % GeoFixtures.PLACES.length], 40_000);
      double radius = Distance.milesToMeters(5 + random.nextDouble() * 60);
      Instant from = EPOCH.plusSeconds(random.nextInt(50 * 86_400));
      Instant to = from.plus(Duration.ofDays(1 + random.nextInt(20)));
      boolean musicOnly = q % 2 == 0;

      List<String> expected = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (Distance.meters(center, points.get(i)) <= radius && !starts.get(i).isBefore(from)
            && starts.get(i).isBefore(to) && (!musicOnly || i % 2 == 0)) {
          expected.add(all.get(i).get(EventKeys.START_KEY).s());
        }
      }
      expected.sort(null);

      List<String> actual = new ArrayList<>();
      Optional<String> cursor = Optional.empty();
      int pages = 0;
      do {
        var page = index.search(center, radius, from, to,
            it -> !musicOnly || it.get("tags").ss().contains("music"), 25, cursor);
        assertThat(page.hits()).hasSizeLessThanOrEqualTo(25);
        page.hits().forEach(h -> assertThat(h.distanceMeters()).isLessThanOrEqualTo(radius));
        page.hits().forEach(h -> actual.add(h.startKey()));
        cursor = page.nextCursor();
        pages++;
      } while (cursor.isPresent() && pages < 1000);
      assertThat(actual).as("query %d", q).isEqualTo(expected);
    }
  }

  @Test
  void searchWithNothingNearby_returnsAnEmptyLastPage() {
    DynamoEventIndex index = new DynamoEventIndex(new GsiClient()::query, "dev-MotionEvents");
    var page = index.search(new GeoPoint(10, 10), 1000, EPOCH, EPOCH.plusSeconds(3600), it -> true, 10,
        Optional.empty());
    assertThat(page.hits()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
    assertThat(page.queries()).isGreaterThanOrEqualTo(1);
  }
}
