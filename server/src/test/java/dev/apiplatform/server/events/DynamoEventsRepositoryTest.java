package dev.apiplatform.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.server.geo.Distance;
import dev.apiplatform.server.geo.GeoPoint;
import dev.apiplatform.server.storage.StoreTables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search on DynamoDB Local (the real GSI) equals a brute-force filter over the same 10,000
 * events, for 200 random queries (radius, window, tags) around cities that include both sides of
 * the antimeridian, the equator and both polar caps.
 */
class DynamoEventsRepositoryTest {

  static final Instant EPOCH = Instant.parse("2025-09-01T00:00:00Z");
  static final GeoPoint[] PLACES = {
    new GeoPoint(34.0736, -84.2814), new GeoPoint(40.7128, -74.0060), new GeoPoint(51.5072, -0.1276),
    new GeoPoint(-0.1807, -78.4678), new GeoPoint(-18.1248, 178.4501), new GeoPoint(-16.7833, -179.9667),
    new GeoPoint(64.7337, 177.5089), new GeoPoint(78.2232, 15.6267), new GeoPoint(89.6, 40.0),
    new GeoPoint(-89.7, -120.0),
  };

  static StoreTables stores;
  static DynamoEventsRepository repository;
  static final List<Event> ALL = new ArrayList<>();

  @BeforeAll
  static void load() {
    stores = StoreTables.start();
    repository = new DynamoEventsRepository(stores.dynamo, stores.definitions);
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      GeoPoint at = around(random, PLACES[i % PLACES.length], 80_000);
      Instant start = EPOCH.plusSeconds(random.nextInt(60 * 86_400));
      Event e = new Event("ev-" + i, "Event " + i, Optional.empty(), start, start.plusSeconds(3600),
          "o@example.com", Map.of(), at, List.of(), List.of(i % 3 == 0 ? "Music" : "market"), EPOCH);
      ALL.add(e);
    }
    // the same events, written by 4 callers at once: 10,000 sequential round trips took 37 s,
    // 4 at once 20 s (2026-12-04, 2 cores)
    java.util.concurrent.ForkJoinPool writers = new java.util.concurrent.ForkJoinPool(4);
    try {
      writers.submit(() -> ALL.parallelStream().forEach(repository::put)).join();
    } finally {
      writers.shutdown();
    }
  }

  @AfterAll
  static void stop() {
    stores.close();
  }

  /** A point up to maxMeters from center on a random bearing (spherical destination formula). */
  static GeoPoint around(Random random, GeoPoint c, double maxMeters) {
    double d = random.nextDouble() * maxMeters / Distance.EARTH_RADIUS_M;
    double b = random.nextDouble() * 2 * Math.PI;
    double lat1 = Math.toRadians(c.lat());
    double lng1 = Math.toRadians(c.lng());
    double lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
    double lng2 = lng1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
    return GeoPoint.wrapped(Math.toDegrees(lat2), Math.toDegrees(lng2));
  }

  /** One random query: center, radius, window and tags. */
  record Query(int n, GeoPoint center, double radius, Instant from, Instant to, Set<String> tags) {}

  @Test
  void search_equalsBruteForce_over200RandomQueries_acrossCellEdgesAndTheAntimeridian() throws Exception {
    Random random = new Random(11);
    List<Query> queries = new ArrayList<>();
    for (int q = 0; q < 200; q++) {
      GeoPoint center = around(random, PLACES[q % PLACES.length], 60_000);
      double radius = Distance.milesToMeters(1 + random.nextDouble() * 49);
      Instant from = EPOCH.plusSeconds(random.nextInt(55 * 86_400));
      Instant to = from.plus(Duration.ofHours(1 + random.nextInt(24 * 20)));
      queries.add(new Query(q, center, radius, from, to, q % 3 == 0 ? Set.of("music") : Set.of()));
    }
    // the same 200 queries, 4 at once (one after another they took about 21 s on 2 cores)
    java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ForkJoinPool callers = new java.util.concurrent.ForkJoinPool(4);
    try {
      callers.submit(() -> queries.parallelStream().forEach(query -> {
        List<String> expected = bruteForce(query);
        List<String> actual = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
          DynamoEventsRepository.Found page = repository.search(query.center(), query.radius(), query.from(),
              query.to(), query.tags(), 100, cursor);
          page.events().forEach(e -> actual.add(e.eventId()));
          read.addAndGet(page.itemsRead());
          cursor = page.nextStartKey();
        } while (cursor.isPresent());
        hits.addAndGet(expected.size());
        assertThat(actual).as("query %d at %s r=%.0f m", query.n(), query.center(), query.radius())
            .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actual).doesNotHaveDuplicates();
      })).get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof AssertionError failed) throw failed;
      throw e;
    } finally {
      callers.shutdown();
    }
    assertThat(hits.get()).as("the queries find something").isGreaterThan(200);
    System.out.printf("[search] 200 queries: %d hits, %d items read (%.2f per hit)%n", hits.get(), read.get(),
        (double) read.get() / hits.get());
  }

  private static List<String> bruteForce(Query q) {
    List<String> expected = new ArrayList<>();
    for (Event e : ALL) {
      if (Distance.meters(q.center(), e.point()) <= q.radius() && !e.start().isBefore(q.from())
          && e.start().isBefore(q.to()) && (q.tags().isEmpty() || e.tags().contains("Music"))) {
        expected.add(e.eventId());
      }
    }
    return expected;
  }
}
