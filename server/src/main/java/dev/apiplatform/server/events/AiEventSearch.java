package dev.apiplatform.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.geo.Countries;
import dev.apiplatform.server.geo.GeoPlace;
import dev.apiplatform.server.geo.GeoPoint;
import dev.apiplatform.server.geo.Geocoder;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.llm.LlmProvider;
import dev.apiplatform.server.llm.LlmRequest;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events/search-ai}: the place (reverse-geocoded from coordinates), the dates and the
 * radius go into one structured-output call of the platform's LLM provider; every item it
 * returns is checked against the AI event rules and the invalid ones are dropped and counted.
 */
final class AiEventSearch {

  private static final Logger LOG = LoggerFactory.getLogger(AiEventSearch.class);
  private static final ObjectMapper JSON = JacksonConfig.create();
  private static final Pattern URL = Pattern.compile("^https?://[^\\s]+$");
  private static final Pattern CLOCK = Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9]$");
  private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9 _-]{1,40}$");

  private final LlmProvider llm;
  private final Geocoder geocoder;

  AiEventSearch(LlmProvider llm, Geocoder geocoder) {
    this.llm = llm;
    this.geocoder = geocoder;
  }

  record Place(String city, String state, String country) {}

  List<ObjectNode> search(Optional<GeoPoint> point, Place given, LocalDate from, LocalDate to, ZoneId zone,
      double radiusMiles, boolean preferLocal, boolean debug) {
    if (to.isBefore(from)) throw new InvalidField("query.end_date", "must not be before start_date", "range");
    if (ChronoUnit.DAYS.between(from, to) > 31) throw new InvalidField("query.end_date", "at most 31 days", "max");
    Place place = resolve(point, given);
    String where = String.join(", ", List.of(place.city(), place.state(), place.country()).stream()
        .filter(s -> s != null && !s.isBlank()).toList());
    String prompt = "Find real, publicly announced events in or near " + where
        + (point.map(p -> " (around " + p.lat() + ", " + p.lng() + ")").orElse(""))
        + " within " + Math.round(radiusMiles) + " miles, starting between " + from + " and " + to
        + " (time zone " + zone.getId() + "). "
        + (preferLocal ? "Prefer local sources: city, venue and community calendars. " : "")
        + "Every event must have a source_url where it is announced. Dates YYYY-MM-DD, times HH:mm.";
    JsonNode answer = llm.generateJson(LlmRequest.of(
        "You list real events only, never invented ones. Answer JSON that matches the schema.",
        prompt, "motion_ai_events", schema())).json();
    JsonNode items = answer.path("events");
    List<ObjectNode> valid = new ArrayList<>();
    int dropped = 0;
    for (JsonNode item : items.isArray() ? items : JSON.createArrayNode()) {
      Optional<ObjectNode> ok = validate(item, zone);
      if (ok.isPresent()) valid.add(ok.get()); else dropped++;
    }
    if (dropped > 0 || debug) {
      LOG.info("search-ai: {} items kept, {} invalid items dropped (provider {})", valid.size(), dropped, llm.name());
    }
    return valid;
  }

  private Place resolve(Optional<GeoPoint> point, Place given) {
    if (point.isPresent()) {
      if (given.city() != null && given.state() != null && given.country() != null) return given;
      Optional<GeoPlace> near = geocoder.reverse(point.get());
      return new Place(first(given.city(), near.map(GeoPlace::city)), first(given.state(), near.map(GeoPlace::state)),
          first(given.country(), near.map(p -> Countries.alpha3(p.country()))));
    }
    if (given.city() == null || given.state() == null || given.country() == null) {
      throw new InvalidField("query.lat", "give lat and lng, or city, state and country", "required");
    }
    return given;
  }

  private static String first(String given, Optional<String> found) {
    return given != null ? given : found.orElse(null);
  }

  /** One model item against AiEventInput's rules: the cleaned item, or empty when invalid. */
  static Optional<ObjectNode> validate(JsonNode item, ZoneId defaultZone) {
    if (!item.isObject()) return Optional.empty();
    ObjectNode out = JSON.createObjectNode();
    String title = text(item, "title");
    String url = text(item, "source_url");
    String start = text(item, "start_date");
    if (title == null || title.isBlank() || title.length() > 300) return Optional.empty();
    if (url == null || url.length() > 2048 || !URL.matcher(url).matches()) return Optional.empty();
    if (start == null || !date(start)) return Optional.empty();
    String zone = text(item, "timezone");
    if (zone == null) zone = defaultZone.getId();
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    out.put("title", title.strip());
    String description = text(item, "description");
    if (description != null) out.put("description", description.length() > 5000 ? description.substring(0, 5000) : description);
    out.put("start_date", start);
    String end = text(item, "end_date");
    if (end != null && date(end)) out.put("end_date", end);
    for (String f : List.of("start_time", "end_time")) {
      String t = text(item, f);
      if (t != null && CLOCK.matcher(t).matches()) out.put(f, t);
    }
    out.put("timezone", zone);
    JsonNode loc = item.path("location");
    if (loc.isObject()) {
      ObjectNode l = out.putObject("location");
      for (String f : List.of("venue", "address", "city", "state", "country")) {
        String v = text(loc, f);
        if (v != null && !v.isBlank()) l.put(f, v.length() > 100 && !f.equals("venue") && !f.equals("address")
            ? v.substring(0, 100) : v.length() > 200 ? v.substring(0, 200) : v);
      }
    }
    out.put("source_url", url);
    ArrayNode tags = out.putArray("tags");
    item.path("tags").forEach(t -> {
      if (t.isTextual() && TAG.matcher(t.asText()).matches() && tags.size() < 20) tags.add(t.asText());
    });
    return Optional.of(out);
  }

  private static boolean date(String s) {
    try {
      LocalDate.parse(s);
      return s.length() == 10;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static JsonNode schema() {
    ObjectNode event = JSON.createObjectNode().put("type", "object");
    ObjectNode p = event.putObject("properties");
    for (String f : List.of("title", "description", "start_date", "end_date", "start_time", "end_time", "timezone",
        "source_url")) {
      p.putObject(f).put("type", "string");
    }
    ObjectNode loc = p.putObject("location").put("type", "object");
    ObjectNode lp = loc.putObject("properties");
    for (String f : List.of("venue", "address", "city", "state", "country")) lp.putObject(f).put("type", "string");
    p.putObject("tags").put("type", "array").putObject("items").put("type", "string");
    event.putArray("required").add("title").add("start_date").add("timezone").add("source_url");
    ObjectNode root = JSON.createObjectNode().put("type", "object");
    root.putObject("properties").putObject("events").put("type", "array").set("items", event);
    root.putArray("required").add("events");
    return root;
  }

}
