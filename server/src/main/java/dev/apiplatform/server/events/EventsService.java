package dev.apiplatform.server.events;

import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.domain.NotFound;
import dev.apiplatform.server.domain.NotPermitted;
import dev.apiplatform.server.geo.Distance;
import dev.apiplatform.server.geo.EventKeys;
import dev.apiplatform.server.geo.GeoPlace;
import dev.apiplatform.server.geo.GeoPoint;
import dev.apiplatform.server.geo.Geocoder;
import dev.apiplatform.server.geo.LocationQuery;
import dev.apiplatform.server.identity.AccountGone;
import dev.apiplatform.server.identity.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The rules of Motion's community events: creation, reads, radius + time search. */
final class EventsService {

  /** DEBUG: what each search read (bench/events-search.sh counts it; the API does not expose it). */
  private static final Logger log = LoggerFactory.getLogger(EventsService.class);

  /** Bound on one search's cost: cell-month partitions queried (see package-info of geo). */
  static final int MAX_PARTITIONS = 200;
  static final Duration MAX_DURATION = Duration.ofDays(31);

  private final DynamoEventsRepository repository;
  private final Geocoder geocoder;
  private final UserStore users;
  private final Clock clock;

  EventsService(DynamoEventsRepository repository, Geocoder geocoder, UserStore users, Clock clock) {
    this.repository = repository;
    this.geocoder = geocoder;
    this.users = users;
    this.clock = clock;
  }

  /** What a new event says; {@code point} empty means "geocode {@code location}". */
  record NewEvent(String name, Optional<String> description, Instant start, Instant end, Optional<String> createdBy,
      Map<String, String> location, Optional<GeoPoint> point, List<String> photoUrls, List<String> tags) {}

  String create(String callerId, NewEvent e) {
    String email = users.findById(callerId).orElseThrow(AccountGone::new).email()
        .orElseThrow(() -> new NotPermitted("Creating events needs an account with an e-mail address"));
    // the organizer is the caller, whatever the body says (the seed let clients name anyone)
    // ignored, but still held to its schema (format: email): a client sending garbage learns of it
    e.createdBy().filter(v -> !looksLikeEmail(v)).ifPresent(v -> {
      throw new InvalidField("body.createdByEmail", "must be an e-mail address", "format");
    });
    if (!e.end().isAfter(e.start())) throw new InvalidField("body.endDateTime", "must be after dateTime", "range");
    if (Duration.between(e.start(), e.end()).compareTo(MAX_DURATION) > 0) {
      throw new InvalidField("body.endDateTime", "must be at most 31 days after dateTime", "max");
    }
    GeoPoint point = e.point().orElseGet(() -> geocode(locationQuery(e.location()), "body.location"));
    String id = UUID.randomUUID().toString();
    repository.put(new Event(id, e.name(), e.description(), e.start(), e.end(), email, e.location(), point,
        e.photoUrls(), e.tags(), clock.instant()));
    return id;
  }

  Event get(String eventId) {
    return repository.find(eventId).orElseThrow(() -> new NotFound("No event with id '" + eventId + "'"));
  }

  List<Event> byCreator(String email, int limit) {
    return repository.byCreator(email.toLowerCase(java.util.Locale.ROOT), limit);
  }

  /** Where a search is centred: coordinates, else address/zip, else city/state(/country). */
  GeoPoint center(Double lat, Double lng, LocationQuery place) {
    if (lat != null || lng != null) {
      if (lat == null || lng == null) throw new InvalidField(lat == null ? "query.lat" : "query.lng",
          "lat and lng go together", "dependent");
      if (!(lat >= -90 && lat <= 90)) throw new InvalidField("query.lat", "must be within [-90, 90]", "range");
      if (!(lng >= -180 && lng <= 180)) throw new InvalidField("query.lng", "must be within [-180, 180]", "range");
      return new GeoPoint(lat, lng);
    }
    if (place.isEmpty()) {
      throw new InvalidField("query.lat", "give lat and lng, address, zip, or city and state", "required");
    }
    return geocode(place, "query." + (place.zip() != null ? "zip" : place.address() != null ? "address" : "city"));
  }

  record Search(GeoPoint center, double radiusMiles, SearchWindow window, List<Event> events, List<Double> miles,
      Optional<String> nextStartKey, int itemsRead) {}

  Search search(GeoPoint center, double radiusMiles, SearchWindow window, Set<String> tags, int limit,
      Optional<String> afterStartKey) {
    if (!(radiusMiles >= 0.1 && radiusMiles <= 50)) {
      throw new InvalidField("query.radiusMiles", "must be within [0.1, 50]", "range");
    }
    double meters = Distance.milesToMeters(radiusMiles);
    if (EventKeys.plan(center, meters, window.from(), window.to()).size() > MAX_PARTITIONS) {
      throw new InvalidField("query.radiusMiles", "the search is too wide for its window: narrow the radius or"
          + " the time window", "max");
    }
    DynamoEventsRepository.Found found = repository.search(center, meters, window.from(), window.to(), tags, limit,
        afterStartKey);
    log.debug("events search: {} items read, {} returned", found.itemsRead(), found.events().size());
    return new Search(center, radiusMiles, window, found.events(),
        found.distanceMeters().stream().map(Distance::metersToMiles).toList(), found.nextStartKey(),
        found.itemsRead());
  }

  Optional<com.fasterxml.jackson.databind.JsonNode> aiEvent(String eventId) {
    return repository.findAiEvent(eventId);
  }

  void saveAiEvent(String eventId, com.fasterxml.jackson.databind.JsonNode event) {
    repository.putAiEvent(eventId, event);
  }

  boolean exists(String eventId) {
    return repository.find(eventId).isPresent();
  }

  private GeoPoint geocode(LocationQuery query, String field) {
    if (query.isEmpty()) throw new InvalidField("body.coordinates", "give coordinates or a location", "required");
    Optional<GeoPlace> place = geocoder.forward(query);
    return place.map(GeoPlace::point).orElseThrow(() -> new InvalidField(field,
        "could not geocode '" + query.describe() + "'", "geocode"));
  }

  static LocationQuery locationQuery(Map<String, String> location) {
    return new LocationQuery(location.get("address"), location.get("city"), location.get("state"),
        location.get("zip"), location.get("country"));
  }

  /** JSON Schema's {@code email} format as validators check it: a local part, one '@', a domain. */
  private static boolean looksLikeEmail(String v) {
    int at = v.indexOf('@');
    return at > 0 && at == v.lastIndexOf('@') && at < v.length() - 1;
  }
}
