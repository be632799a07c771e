package dev.apiplatform.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.geo.DynamoEventIndex;
import dev.apiplatform.server.geo.EventKeys;
import dev.apiplatform.server.geo.GeoPoint;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.storage.QueryPages;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.StoreCalls;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Motion's events table ({@link EventKeys} layout) and the AI events table. Every call goes
 * through {@link StoreCalls}; search through {@link DynamoEventIndex} (cells × months, no scan).
 */
final class DynamoEventsRepository {

  private static final ObjectMapper JSON = JacksonConfig.create();

  private final DynamoDbClient dynamo;
  private final String events;
  private final String aiEvents;
  private final DynamoEventIndex index;

  DynamoEventsRepository(DynamoDbClient dynamo, StorageDefinitions storage) {
    this.dynamo = dynamo;
    this.events = storage.tableName(EventKeys.TABLE);
    this.aiEvents = storage.tableName(EventsGroup.AI_TABLE);
    this.index = new DynamoEventIndex(r -> StoreCalls.dynamo("Searching events", () -> dynamo.query(r)), events);
  }

  void put(Event e) {
    Map<String, AttributeValue> item = new HashMap<>(EventKeys.indexAttributes(e.point(), e.start(), e.eventId()));
    item.put(EventKeys.EVENT_ID, s(e.eventId()));
    item.put("name", s(e.name()));
    e.description().ifPresent(d -> item.put("description", s(d)));
    item.put("dateTime", s(e.start().toString()));
    item.put("endDateTime", s(e.end().toString()));
    item.put(EventKeys.CREATED_BY, s(e.createdByEmail()));
    Map<String, AttributeValue> location = new LinkedHashMap<>();
    e.location().forEach((k, v) -> location.put(k, s(v)));
    item.put("location", AttributeValue.fromM(location));
    item.put("photoUrls", list(e.photoUrls()));
    item.put("tags", list(e.tags()));
    item.put("createdAt", s(e.createdAt().toString()));
    StoreCalls.dynamo("Creating event", () -> dynamo.putItem(r -> r.tableName(events).item(item)
        .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", EventKeys.EVENT_ID))));
  }

  Optional<Event> find(String eventId) {
    var response = StoreCalls.dynamo("Reading event", () -> dynamo.getItem(r -> r.tableName(events)
        .key(Map.of(EventKeys.EVENT_ID, s(eventId)))));
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(toEvent(response.item())) : Optional.empty();
  }

  List<Event> byCreator(String email, int limit) {
    List<Event> out = new ArrayList<>();
    QueryPages.query(dynamo, "Listing events by organizer", () -> software.amazon.awssdk.services.dynamodb.model
        .QueryRequest.builder().tableName(events).indexName(EventKeys.CREATOR_INDEX)
        .keyConditionExpression("#c = :c").expressionAttributeNames(Map.of("#c", EventKeys.CREATED_BY))
        .expressionAttributeValues(Map.of(":c", s(email))).limit(limit - out.size()), null, page -> {
          page.items().forEach(i -> out.add(toEvent(i)));
          return out.size() < limit;
        });
    return out;
  }

  /** A page of search hits with what it cost. */
  record Found(List<Event> events, List<Double> distanceMeters, Optional<String> nextStartKey, int itemsRead) {}

  Found search(GeoPoint center, double radiusMeters, Instant from, Instant to, Set<String> anyTag, int limit,
      Optional<String> afterStartKey) {
    Predicate<Map<String, AttributeValue>> tags = item -> anyTag.isEmpty() || item.getOrDefault("tags",
        AttributeValue.fromL(List.of())).l().stream().anyMatch(t -> anyTag.contains(t.s().toLowerCase(java.util.Locale.ROOT)));
    DynamoEventIndex.Page page = index.search(center, radiusMeters, from, to, tags, limit, afterStartKey);
    List<Event> found = new ArrayList<>();
    List<Double> distances = new ArrayList<>();
    for (DynamoEventIndex.Hit hit : page.hits()) {
      found.add(toEvent(hit.item()));
      distances.add(hit.distanceMeters());
    }
    return new Found(found, distances, page.nextCursor(), page.itemsRead());
  }

  void putAiEvent(String eventId, JsonNode event) {
    String body;
    try {
      body = JSON.writeValueAsString(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    StoreCalls.dynamo("Saving AI event", () -> dynamo.putItem(r -> r.tableName(aiEvents)
        .item(Map.of("eventId", s(eventId), "body", s(body)))));
  }

  Optional<JsonNode> findAiEvent(String eventId) {
    var response = StoreCalls.dynamo("Reading AI event", () -> dynamo.getItem(r -> r.tableName(aiEvents)
        .key(Map.of("eventId", s(eventId)))));
    if (!response.hasItem() || response.item().isEmpty()) return Optional.empty();
    try {
      return Optional.of(JSON.readTree(response.item().get("body").s()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Event toEvent(Map<String, AttributeValue> item) {
    Map<String, String> location = new LinkedHashMap<>();
    AttributeValue loc = item.get("location");
    if (loc != null && loc.hasM()) loc.m().forEach((k, v) -> location.put(k, v.s()));
    return new Event(item.get(EventKeys.EVENT_ID).s(), item.get("name").s(),
        Optional.ofNullable(item.get("description")).map(AttributeValue::s),
        Instant.parse(item.get("dateTime").s()), Instant.parse(item.get("endDateTime").s()),
        item.get(EventKeys.CREATED_BY).s(), location,
        new GeoPoint(Double.parseDouble(item.get(EventKeys.LAT).n()), Double.parseDouble(item.get(EventKeys.LNG).n())),
        strings(item.get("photoUrls")), strings(item.get("tags")), Instant.parse(item.get("createdAt").s()));
  }

  private static List<String> strings(AttributeValue v) {
    return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
  }

  private static AttributeValue list(List<String> values) {
    return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
