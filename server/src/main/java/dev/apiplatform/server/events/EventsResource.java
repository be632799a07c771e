package dev.apiplatform.server.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiplatform.server.api.EventsApi;
import dev.apiplatform.server.api.model.*;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.domain.NotFound;
import dev.apiplatform.server.geo.GeoPoint;
import dev.apiplatform.server.geo.LocationQuery;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.http.ListCursor;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Motion's /events and /ai-events: parameters to domain values, one service call, Dtos back. */
public final class EventsResource implements EventsApi {

  static final ObjectMapper JSON = JacksonConfig.create();
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  private final EventsService events;
  private final AiEventSearch ai;

  @Context private SecurityContext security;
  @Context private jakarta.ws.rs.core.UriInfo uri;

  EventsResource(EventsService events, AiEventSearch ai) {
    this.events = events;
    this.ai = ai;
  }

  @Override
  public EventCreatedResponseDto eventsCreate(CreateEventRequestDto body) {
    String caller = CurrentUser.require(security).userId();
    Instant start = instant(body.getDateTime(), "body.dateTime");
    Instant end;
    if (body.getEndDateTime() != null) {
      end = instant(body.getEndDateTime(), "body.endDateTime");
    } else if (body.getEndTime() != null) {
      end = Instant.ofEpochSecond(body.getEndTime());
    } else {
      throw new InvalidField("body.endDateTime", "endDateTime or endTime is required", "required");
    }
    Map<String, String> location = new LinkedHashMap<>();
    EventLocationDto l = body.getLocation();
    if (l != null) {
      put(location, "venue", l.getVenue());
      put(location, "address", l.getAddress());
      put(location, "city", l.getCity());
      put(location, "state", l.getState());
      put(location, "zip", l.getZip());
      put(location, "country", l.getCountry());
    }
    Optional<GeoPoint> point = Optional.ofNullable(body.getCoordinates())
        .map(c -> new GeoPoint(c.getLat(), c.getLng()));
    String id = events.create(caller, new EventsService.NewEvent(body.getName(),
        Optional.ofNullable(body.getDescription()), start, end, Optional.ofNullable(body.getCreatedByEmail()), location,
        point, orEmpty(body.getPhotoUrls()), orEmpty(body.getTags())));
    return new EventCreatedResponseDto("Event created", id);
  }

  @Override
  public EventEnvelopeDto eventsGet(String eventId) {
    return new EventEnvelopeDto(toDto(events.get(eventId), null));
  }

  @Override
  public AiEventEnvelopeDto eventsGetAiEvent(String eventId) {
    ObjectNode event = (ObjectNode) events.aiEvent(eventId)
        .orElseThrow(() -> new NotFound("No AI event with id '" + eventId + "'"));
    return new AiEventEnvelopeDto(JSON.convertValue(event.put("eventId", eventId), AiEventDto.class));
  }

  @Override
  public EventListDto eventsListByUser(String email, Integer limit) {
    QueryChecks.singleValued(uri);
    if (email == null || email.isBlank()) throw new InvalidField("query.email", "is required", "required");
    List<MotionEventDto> items = events.byCreator(email.strip(), limit == null ? 200 : limit).stream()
        .map(e -> toDto(e, null)).toList();
    return new EventListDto(items.size(), items);
  }

  @Override
  public EventSearchResponseDto eventsSearch(Double lat, Double lng, String address, String zip, String city,
      String state, String country, Double radiusMiles, String startTime, String endTime, String date, String time,
      String endDate, Integer windowMinutes, String tags, Integer limit, String cursor) {
    QueryChecks.singleValued(uri);
    GeoPoint center = events.center(lat, lng, new LocationQuery(address, city, state, zip, country));
    SearchWindow window = SearchWindow.of(startTime, endTime, day(date, "query.date"), time, day(endDate, "query.endDate"), windowMinutes, Instant.now());
    Set<String> anyTag = new LinkedHashSet<>();
    if (tags != null) {
      Arrays.stream(tags.split(",")).map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty())
          .forEach(anyTag::add);
    }
    Optional<String> after = Optional.ofNullable(cursor).map(c -> ListCursor.decode(c, EVENT_ID).listKey());
    EventsService.Search found = events.search(center, radiusMiles == null ? 10 : radiusMiles, window, anyTag,
        limit == null ? 50 : limit, after);
    List<MotionEventDto> items = new java.util.ArrayList<>();
    for (int i = 0; i < found.events().size(); i++) items.add(toDto(found.events().get(i), found.miles().get(i)));
    EventSearchResponseDto out = new EventSearchResponseDto(new CoordinatesDto(center.lat(), center.lng()),
        found.radiusMiles(), new TimeRangeDto(utc(window.from()), utc(window.to())), items.size(), items);
    found.nextStartKey().ifPresent(k -> out.setNextCursor(new ListCursor(k, k.substring(k.indexOf('#') + 1)).encode()));
    return out;
  }

  @Override
  public AiEventSearchResponseDto eventsSearchAi(String startDate, String endDate, String timezone, Double lat,
      Double lng, String city, String state, String country, Double radiusMiles, Double radiusMiles2, Double radius,
      Double radiusKm, Integer preferLocal, Integer debug) {
    QueryChecks.singleValued(uri);
    CurrentUser.require(security);
    ZoneId zone;
    try {
      zone = ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new InvalidField("query.timezone", "is not an IANA time zone", "timezone");
    }
    Optional<GeoPoint> point = Optional.empty();
    if (lat != null || lng != null) point = Optional.of(events.center(lat, lng, LocationQuery.ofAddress(null)));
    double miles = radiusMiles != null ? radiusMiles : radiusMiles2 != null ? radiusMiles2 : radius != null ? radius
        : radiusKm != null ? dev.apiplatform.server.geo.Distance.kmToMiles(radiusKm) : 5;
    if (!(miles >= 0.1 && miles <= 100)) throw new InvalidField("query.radius_miles", "must be within [0.1, 100]", "range");
    List<ObjectNode> found = ai.search(point, new AiEventSearch.Place(city, state, country),
        day(startDate, "query.start_date"), day(endDate, "query.end_date"), zone,
        miles, preferLocal == null || preferLocal == 1, debug != null && debug == 1);
    List<AiEventInputDto> items = found.stream().map(n -> JSON.convertValue(n, AiEventInputDto.class)).toList();
    return new AiEventSearchResponseDto(items.size(), items);
  }

  static MotionEventDto toDto(Event e, Double miles) {
    MotionEventDto d = new MotionEventDto();
    d.setEventId(e.eventId());
    d.setName(e.name());
    e.description().ifPresent(d::setDescription);
    d.setDateTime(utc(e.start()));
    d.setEndDateTime(utc(e.end()));
    d.setCreatedByEmail(e.createdByEmail());
    if (!e.location().isEmpty()) d.setLocation(JSON.convertValue(e.location(), EventLocationDto.class));
    d.setCoordinates(new CoordinatesDto(e.point().lat(), e.point().lng()));
    d.setPhotoUrls(new java.util.ArrayList<>(e.photoUrls()));
    d.setTags(new java.util.ArrayList<>(e.tags()));
    d.setCreatedAt(utc(e.createdAt()));
    if (miles != null) d.setDistanceMiles(Math.round(miles * 100) / 100.0);
    return d;
  }

  private static Instant instant(String value, String field) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException e) {
      throw new InvalidField(field, "must be an ISO-8601 date-time with offset", "format");
    }
  }

  private static LocalDate day(String value, String field) {
    if (value == null) return null;
    try {
      return LocalDate.parse(value);
    } catch (DateTimeException e) {
      throw new InvalidField(field, "must be a calendar date (YYYY-MM-DD)", "format");
    }
  }

  private static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) m.put(k, v.strip());
  }

  private static List<String> orEmpty(List<String> l) {
    return l == null ? List.of() : List.copyOf(l);
  }
}
