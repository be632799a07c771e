package dev.apiplatform.server.identity.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The {@code saved_events} attribute of a user item: a list of {eventId, source} maps. */
final class SavedEventItems {

  static final String SAVED_EVENTS = "saved_events";

  private SavedEventItems() {}

  static List<SavedEvent> read(Map<String, AttributeValue> item) {
    AttributeValue list = item.get(SAVED_EVENTS);
    if (list == null || !list.hasL()) return List.of();
    List<SavedEvent> out = new ArrayList<>();
    for (AttributeValue v : list.l()) {
      Map<String, AttributeValue> m = v.m();
      out.add(new SavedEvent(m.get("eventId").s(), m.get("source").s()));
    }
    return out;
  }

  static AttributeValue write(List<SavedEvent> events) {
    return AttributeValue.fromL(events.stream()
        .map(e -> AttributeValue.fromM(Map.of("eventId", AttributeValue.fromS(e.eventId()),
            "source", AttributeValue.fromS(e.source()))))
        .toList());
  }
}
