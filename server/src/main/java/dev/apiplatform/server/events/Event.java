package dev.apiplatform.server.events;

import dev.apiplatform.server.geo.GeoPoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A community event as stored; {@code location} holds the address parts the organizer gave. */
record Event(String eventId, String name, Optional<String> description, Instant start, Instant end,
    String createdByEmail, Map<String, String> location, GeoPoint point, List<String> photoUrls,
    List<String> tags, Instant createdAt) {}
