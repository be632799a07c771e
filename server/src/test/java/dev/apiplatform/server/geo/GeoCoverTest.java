package dev.apiplatform.server.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GeoCoverTest {

  record Event(String id, GeoPoint at, Instant start, Set<String> tags) {}

  static final List<String> TAGS = List.of("music", "market", "arts", "sports", "community");
  static final Instant EPOCH = Instant.parse("2025-09-01T00:00:00Z");

  /** 10,000 events around the fixture places, in an in-memory stand-in for the GSI. */
  final List<Event> events = new ArrayList<>();
  final Map<String, TreeMap<String, Event>> index = new HashMap<>();

  GeoCoverTest() {
    Random random = new Random(20251001);
    for (int i = 0; i < 10_000; i++) {
      GeoPoint place = GeoFixtures.PLACES[i % GeoFixtures.PLACES.length];
      GeoPoint at = GeoFixtures.around(random, place, 150_000);
      Instant start = EPOCH.plusSeconds(random.nextInt(90 * 86_400));
      Set<String> tags = random.ints(1 + random.nextInt(2), 0, TAGS.size()).mapToObj(TAGS::get)
          .collect(Collectors.toSet());
      Event e = new Event("ev-" + i, at, start, tags);
      events.add(e);
      index.computeIfAbsent(EventKeys.partition(at, start), k -> new TreeMap<>())
          .put(EventKeys.sortKey(start, e.id()), e);
    }
  }

  @Test
  void search_throughCellsAndTimeKeys_equalsBruteForce_for200RandomQueries() {
    Random random = new Random(42);
    int antimeridian = 0;
    int polar = 0;
    long read = 0;
    long matched = 0;
    for (int q = 0; q < 200; q++) {
      GeoPoint place = GeoFixtures.PLACES[q % GeoFixtures.PLACES.length];
      GeoPoint center = GeoFixtures.around(random, place, 60_000);
      double radius = Distance.milesToMeters(0.5 + random.nextDouble() * (q % 4 == 0 ? 150 : 40));
      Instant from = EPOCH.plusSeconds(random.nextInt(80 * 86_400));
      Instant to = from.plus(Duration.ofMinutes(60 + random.nextInt(q % 5 == 0 ? 45 * 1440 : 3 * 1440)));
      String tag = q % 3 == 0 ? TAGS.get(random.nextInt(TAGS.size())) : null;

      Set<String> expected = new TreeSet<>();
      for (Event e : events) {
        if (matches(e, center, radius, from, to, tag)) expected.add(e.id());
      }
      Set<String> actual = new TreeSet<>();
      for (EventKeys.KeyRange range : EventKeys.plan(center, radius, from, to)) {
        var partition = index.get(range.partition());
        if (partition == null) continue;
        for (Event e : partition.subMap(range.sortFrom(), true, range.sortTo(), true).values()) {
          read++;
          if (Distance.meters(center, e.at()) <= radius && (tag == null || e.tags().contains(tag))) actual.add(e.id());
        }
      }
      assertThat(actual).as("query %d around %s, r=%.0f m", q, center, radius).isEqualTo(expected);
      matched += expected.size();
      Set<String> cells = GeoCover.cells(center, radius, EventKeys.PRECISION);
      if (cells.stream().anyMatch(c -> boundsOf(c)[1] == -180) && cells.stream().anyMatch(c -> boundsOf(c)[3] == 180)
          && Math.abs(center.lat()) < 80) antimeridian++;
      if (Math.abs(center.lat()) > 88) polar++;
    }
    assertThat(matched).as("the queries find events").isGreaterThan(1000);
    assertThat(antimeridian).as("queries whose cells straddle ±180°").isGreaterThanOrEqualTo(10);
    assertThat(polar).as("queries in a polar cap").isGreaterThanOrEqualTo(20);
    System.out.printf("[geo] 200 queries: %d items read, %d matched (%.2f read per match)%n", read, matched,
        (double) read / matched);
  }

  static boolean matches(Event e, GeoPoint center, double radius, Instant from, Instant to, String tag) {
    return Distance.meters(center, e.at()) <= radius && !e.start().isBefore(from) && e.start().isBefore(to)
        && (tag == null || e.tags().contains(tag));
  }

  @Test
  void cover_isASupersetOfTheCellsOfEveryPointInside_forRandomCircles() {
    Random random = new Random(7);
    for (int q = 0; q < 200; q++) {
      GeoPoint center = GeoFixtures.around(random, GeoFixtures.PLACES[q % GeoFixtures.PLACES.length], 80_000);
      double radius = 100 + random.nextDouble() * 100_000;
      int precision = Math.abs(center.lat()) > 85 ? 3 : 5; // polar circles span every column
      Set<String> cells = GeoCover.cells(center, radius, precision);
      for (int i = 0; i < 200; i++) {
        GeoPoint inside = GeoFixtures.destination(center, random.nextDouble() * 360, radius * random.nextDouble());
        assertThat(cells).contains(GeoHash.encode(inside, precision));
      }
    }
  }

  @Test
  void circleOnACellCorner_coversAllFourCells() {
    // (0, 0) is the corner of four precision-4 cells: one in each quadrant
    Set<String> cells = GeoCover.cells(new GeoPoint(0, 0), 500, 4);
    assertThat(cells).containsExactlyInAnyOrder(
        GeoHash.encode(new GeoPoint(0.001, 0.001), 4), GeoHash.encode(new GeoPoint(-0.001, 0.001), 4),
        GeoHash.encode(new GeoPoint(0.001, -0.001), 4), GeoHash.encode(new GeoPoint(-0.001, -0.001), 4));
  }

  @Test
  void circleAcrossTheAntimeridian_coversCellsOnBothSides() {
    Set<String> cells = GeoCover.cells(new GeoPoint(-16.78, 179.98), 20_000, 4);
    assertThat(cells).contains(GeoHash.encode(new GeoPoint(-16.78, 179.99), 4),
        GeoHash.encode(new GeoPoint(-16.78, -179.9), 4));
    assertThat(boundsOf(GeoHash.encode(new GeoPoint(-16.78, -179.9), 4))[1]).isEqualTo(-180);
    assertThat(cells).allSatisfy(c -> {
      assertThat(GeoCover.minDistanceMeters(new GeoPoint(-16.78, 179.98), boundsOf(c))).isLessThanOrEqualTo(20_001);
    });
  }

  @Test
  void circleAroundThePole_coversEveryLongitudeItReaches() {
    GeoPoint center = new GeoPoint(89.9, 0);
    Set<String> cells = GeoCover.cells(center, 50_000, 4);
    for (int lng = -180; lng <= 180; lng += 15) {
      assertThat(cells).contains(GeoHash.encode(new GeoPoint(89.8, lng), 4));
    }
  }

  @Test
  void tenMileSearch_needsAHandfulOfPartitions() {
    int n = GeoCover.cells(new GeoPoint(34.0736, -84.2814), Distance.milesToMeters(10), EventKeys.PRECISION).size();
    assertThat(n).isBetween(2, 9);
    System.out.printf("[geo] 10-mile search at precision %d: %d cells%n", EventKeys.PRECISION, n);
  }

  @Test
  void nearThePoles_onePartitionServesTheCap() {
    Instant from = Instant.parse("2025-10-01T00:00:00Z");
    var plan = EventKeys.plan(new GeoPoint(89.9, 0), 50_000, from, from.plusSeconds(3600));
    assertThat(plan).extracting(EventKeys.KeyRange::partition).containsExactly("n-cap#2025-10");
    assertThat(EventKeys.partition(new GeoPoint(-86, 120), from)).isEqualTo("s-cap#2025-10");
    assertThat(EventKeys.partition(new GeoPoint(85.0, 0), from)).doesNotContain("cap");
    // a circle reaching into the cap from below: cells south of it, plus the cap
    var edge = EventKeys.plan(new GeoPoint(84.9, 10), 40_000, from, from.plusSeconds(3600));
    assertThat(edge).extracting(EventKeys.KeyRange::partition).contains("n-cap#2025-10").hasSizeLessThan(100); // 3.5 km-wide cells at 84.9°
  }

  @Test
  void sortKeys_orderLikeTheirStartTimes_evenWithZeroMillis() {
    String a = EventKeys.sortKey(Instant.parse("2025-10-01T15:00:00Z"), "b");
    String b = EventKeys.sortKey(Instant.parse("2025-10-01T15:00:00.500Z"), "a");
    assertThat(a).isLessThan(b).startsWith("2025-10-01T15:00:00.000Z#");
  }

  @Test
  void plan_spansEveryMonthTheWindowTouches_andNoOther() {
    var plan = EventKeys.plan(new GeoPoint(34.07, -84.28), 1000, Instant.parse("2025-09-30T22:00:00Z"),
        Instant.parse("2025-11-01T00:00:00Z"));
    assertThat(plan).extracting(r -> r.partition().substring(5)).containsOnly("2025-09", "2025-10");
  }

  static double[] boundsOf(String hash) {
    return GeoHash.bounds(hash);
  }

}
