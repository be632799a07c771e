package dev.apiplatform.server.geo;

import dev.apiplatform.server.storage.TableDefinition;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Key layout of Motion's events for radius + time search (see package-info for the table).
 *
 * <p>Partition {@code geoBucket = <geohash-4>#<yyyy-MM of start, UTC>}, sort {@code startKey =
 * <start as yyyy-MM-ddTHH:mm:ss.SSSZ>#<eventId>}. A search reads, for each covering cell and
 * each month its window touches, one Query with {@code startKey BETWEEN lo AND hi}: nothing
 * outside those cells and that time range is read, and nothing is scanned.
 */
public final class EventKeys {

  /**
   * Geohash precision of the partition: cells of 0.35° × 0.18° (≈ 39 × 19.5 km at the equator,
   * 32 × 19.5 km at 34° N). A 10-mile search then needs 4–9 partitions; precision 5 would need
   * ≈ 50 queries for the same circle, precision 3 would read ≈ 30× the circle's area.
   */
  public static final int PRECISION = 4;

  /** Fixed width, so that lexicographic order is time order (ISO_INSTANT drops zero millis). */
  private static final DateTimeFormatter START =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  /** Above every character an event id can hold, so {@code hi} includes every id at that instant. */
  private static final String ID_MAX = "\uffff";

  private EventKeys() {}

  /** Base table (stage-prefixed by the storage definitions) and its key. */
  public static final String TABLE = "MotionEvents";
  public static final String EVENT_ID = "eventId";
  /** GSI of radius + time search. */
  public static final String GEO_INDEX = "byGeoTime";
  public static final String GEO_BUCKET = "geoBucket";
  public static final String START_KEY = "startKey";
  /** GSI of {@code GET /events/by-user}. */
  public static final String CREATOR_INDEX = "byCreator";
  public static final String CREATED_BY = "createdByEmail";
  /** Numeric attributes the haversine filter reads from each item. */
  public static final String LAT = "lat";
  public static final String LNG = "lng";

  /** The table as the storage bootstrap creates it (both GSIs project all attributes). */
  public static TableDefinition tableDefinition() {
    return TableDefinition.of(TABLE, EVENT_ID)
        .withIndex(GEO_INDEX, GEO_BUCKET, START_KEY)
        .withIndex(CREATOR_INDEX, CREATED_BY, START_KEY);
  }

  /** One Query: partition {@code geoBucket = partition}, {@code startKey BETWEEN sortFrom AND sortTo}. */
  public record KeyRange(String partition, String sortFrom, String sortTo) {}

  /**
   * Rows of precision-4 cells beyond ±85.078125° (28 rows at each end, on a row boundary) form
   * one polar-cap partition each. Near a pole the cells narrow to nothing and a circle around
   * it would otherwise need 1,024 partitions per row; few events live there, so one partition
   * per cap costs little to read.
   */
  static final int CAP_ROWS = 28;
  static final String NORTH_CAP = "n-cap";
  static final String SOUTH_CAP = "s-cap";

  /** The partition cell of a point: its precision-4 geohash, or a polar cap. */
  public static String cell(GeoPoint where) {
    return capOrCell(GeoHash.row(where.lat(), PRECISION), GeoHash.encode(where, PRECISION));
  }

  private static String capOrCell(long row, String hash) {
    long rows = 1L << GeoHash.latBits(PRECISION);
    if (row >= rows - CAP_ROWS) return NORTH_CAP;
    if (row < CAP_ROWS) return SOUTH_CAP;
    return hash;
  }

  public static String partition(GeoPoint where, Instant start) {
    return partition(cell(where), YearMonth.from(start.atZone(ZoneOffset.UTC)));
  }

  static String partition(String cell, YearMonth month) {
    return cell + "#" + MONTH.format(month);
  }

  /** The attributes an event item needs for the search index (merge them into the item). */
  public static Map<String, AttributeValue> indexAttributes(
      GeoPoint where, Instant start, String eventId) {
    return Map.of(
        GEO_BUCKET, AttributeValue.fromS(partition(where, start)),
        START_KEY, AttributeValue.fromS(sortKey(start, eventId)),
        LAT, AttributeValue.fromN(Double.toString(where.lat())),
        LNG, AttributeValue.fromN(Double.toString(where.lng())));
  }

  public static String sortKey(Instant start, String eventId) {
    if (eventId.indexOf('#') >= 0) throw new IllegalArgumentException("eventId must not contain '#'");
    return START.format(start) + "#" + eventId;
  }

  /**
   * The queries of a search for events starting in {@code [from, to)} within {@code radiusMeters}
   * of {@code center}: cells × months, each with the same sort-key range. Items read still need
   * the exact haversine filter (a cell reaches beyond the circle).
   */
  public static List<KeyRange> plan(GeoPoint center, double radiusMeters, Instant from, Instant to) {
    if (!to.isAfter(from)) throw new IllegalArgumentException("time range must end after it starts");
    Set<String> cells = new LinkedHashSet<>();
    for (String hash : GeoCover.cells(center, radiusMeters, PRECISION)) {
      cells.add(capOrCell(GeoHash.cellIndex(hash)[1], hash));
    }
    Instant last = to.minusMillis(1); // half-open window: the last millisecond that counts
    String lo = START.format(from);
    String hi = START.format(last) + "#" + ID_MAX;
    YearMonth first = YearMonth.from(from.atZone(ZoneOffset.UTC));
    YearMonth end = YearMonth.from(last.atZone(ZoneOffset.UTC));
    List<KeyRange> plan = new ArrayList<>();
    for (String cell : cells) {
      for (YearMonth m = first; !m.isAfter(end); m = m.plusMonths(1)) {
        plan.add(new KeyRange(partition(cell, m), lo, hi));
      }
    }
    return plan;
  }
}
