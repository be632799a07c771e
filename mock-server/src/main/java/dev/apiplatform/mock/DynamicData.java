package dev.apiplatform.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.curiousoddman.rgxgen.RgxGen;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Random data that validates against a schema ({@code Prefer: dynamic=true}): enums, formats
 * (date-time, date, uuid, email, uri, ...), numeric bounds and {@code multipleOf}, string
 * lengths and patterns, array bounds, required and optional properties. The caller passes the
 * {@link Random}, so the same seed gives the same data.
 */
final class DynamicData {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 12;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";
  private static final String[] WORDS = {"lamp", "chair", "desk", "river", "echo", "calm",
      "blue", "north", "maple", "stone", "cloud", "amber"};
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final OpenApiDocument doc;
  private final Map<String, RgxGen> patterns = new ConcurrentHashMap<>();

  DynamicData(OpenApiDocument doc) {
    this.doc = doc;
  }

  JsonNode generate(JsonNode schema, Random random) {
    return gen(schema, random, new HashSet<>(), 0);
  }

  private JsonNode gen(JsonNode schemaOrRef, Random r, Set<String> expanding, int depth) {
    if (schemaOrRef == null || schemaOrRef.isMissingNode() || depth > MAX_DEPTH) {
      return null;
    }
    if (schemaOrRef.has("$ref")) {
      String ref = schemaOrRef.get("$ref").asText();
      if (!expanding.add(ref)) {
        return null; // recursion: leave the property out
      }
      try {
        return gen(doc.pointer(ref), r, expanding, depth + 1);
      } finally {
        expanding.remove(ref);
      }
    }
    JsonNode s = schemaOrRef;
    if (s.has("enum") && s.get("enum").isArray() && !s.get("enum").isEmpty()) {
      return s.get("enum").get(r.nextInt(s.get("enum").size()));
    }
    if (s.has("allOf")) {
      ObjectNode merged = NODES.objectNode();
      for (JsonNode part : s.get("allOf")) {
        JsonNode v = gen(part, r, expanding, depth + 1);
        if (v instanceof ObjectNode o) {
          merged.setAll(o);
        } else if (v != null) {
          return v;
        }
      }
      if (s.has("properties")) {
        merged.setAll(object(s, r, expanding, depth));
      }
      return merged;
    }
    // oneOf must match exactly one member: the first is the documented primary shape
    if (s.has("oneOf") && !s.get("oneOf").isEmpty()) {
      return gen(s.get("oneOf").get(0), r, expanding, depth + 1);
    }
    if (s.has("anyOf") && !s.get("anyOf").isEmpty()) {
      return gen(s.get("anyOf").get(r.nextInt(s.get("anyOf").size())), r, expanding, depth + 1);
    }
    String type = s.path("type").asText(null);
    if (type == null) {
      type = s.has("properties") ? "object" : s.has("items") ? "array" : null;
    }
    if (type == null) {
      return s.has("example") ? s.get("example") : NODES.textNode(word(r));
    }
    return switch (type) {
      case "object" -> object(s, r, expanding, depth);
      case "array" -> array(s, r, expanding, depth);
      case "integer" -> NODES.numberNode(integer(s, r));
      case "number" -> NODES.numberNode(number(s, r));
      case "boolean" -> NODES.booleanNode(r.nextBoolean());
      case "string" -> NODES.textNode(string(s, r));
      default -> NODES.nullNode();
    };
  }

  private ObjectNode object(JsonNode s, Random r, Set<String> expanding, int depth) {
    ObjectNode obj = NODES.objectNode();
    Set<String> required = new HashSet<>();
    s.path("required").forEach(n -> required.add(n.asText()));
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      if (doc.deref(p.getValue()).path("writeOnly").asBoolean(false)) {
        continue; // never in a response
      }
      // optional properties appear most of the time, so a UI sees both shapes
      if (!required.contains(p.getKey()) && r.nextInt(5) == 0) {
        continue;
      }
      JsonNode v = gen(p.getValue(), r, expanding, depth + 1);
      if (v != null) {
        obj.set(p.getKey(), v);
      }
    }
    JsonNode ap = s.get("additionalProperties");
    if (!s.has("properties") && ap != null && ap.isObject() && !ap.isEmpty()) {
      for (int i = 0; i < 1 + r.nextInt(2); i++) {
        JsonNode v = gen(ap, r, expanding, depth + 1);
        if (v != null) {
          obj.set(word(r) + i, v);
        }
      }
    }
    return obj;
  }

  private ArrayNode array(JsonNode s, Random r, Set<String> expanding, int depth) {
    int min = s.path("minItems").asInt(0);
    int max = s.path("maxItems").asInt(Math.max(min, 3));
    int n = min + r.nextInt(Math.max(1, Math.min(max, min + 3) - min + 1));
    n = Math.max(min, Math.min(n, max));
    ArrayNode arr = NODES.arrayNode();
    Set<JsonNode> seen = new HashSet<>();
    boolean unique = s.path("uniqueItems").asBoolean(false);
    for (int i = 0, tries = 0; arr.size() < n && tries < n * 5; tries++) {
      JsonNode v = gen(s.get("items"), r, expanding, depth + 1);
      if (v == null) {
        break;
      }
      if (!unique || seen.add(v)) {
        arr.add(v);
        i++;
      }
    }
    return arr;
  }

  private static long integer(JsonNode s, Random r) {
    long min = s.has("minimum") ? (long) Math.ceil(s.get("minimum").asDouble()) : 0;
    long max = s.has("maximum") ? (long) Math.floor(s.get("maximum").asDouble()) : Math.max(min, 0) + 1000;
    if (s.path("exclusiveMinimum").asBoolean(false)) {
      min++;
    }
    if (s.path("exclusiveMaximum").asBoolean(false)) {
      max--;
    }
    long v = min + (max <= min ? 0 : Math.floorMod(r.nextLong(), Math.min(max - min + 1, 1_000_000L)));
    long step = s.has("multipleOf") ? Math.max(1, s.get("multipleOf").asLong()) : 1;
    v = v / step * step;
    return v < min ? v + step : v;
  }

  private static BigDecimal number(JsonNode s, Random r) {
    double min = s.has("minimum") ? s.get("minimum").asDouble() : 0;
    double max = s.has("maximum") ? s.get("maximum").asDouble() : min + 1000;
    double span = Math.min(max - min, 10_000);
    BigDecimal step = s.has("multipleOf") ? s.get("multipleOf").decimalValue() : new BigDecimal("0.01");
    BigDecimal v = BigDecimal.valueOf(min + r.nextDouble() * span);
    v = v.divide(step, 0, RoundingMode.FLOOR).multiply(step);
    if (v.doubleValue() < min || (s.path("exclusiveMinimum").asBoolean(false) && v.doubleValue() <= min)) {
      v = v.add(step);
    }
    return v.stripTrailingZeros().scale() < 0 ? v.setScale(0) : v.stripTrailingZeros();
  }

  private String string(JsonNode s, Random r) {
    int minLen = s.path("minLength").asInt(0);
    int maxLen = s.path("maxLength").asInt(Integer.MAX_VALUE);
    if (s.has("pattern")) {
      String regex = s.get("pattern").asText();
      Pattern check = Pattern.compile(regex);
      RgxGen gen = patterns.computeIfAbsent(regex, x -> new RgxGen(unanchored(x)));
      for (int i = 0; i < 20; i++) {
        String v = gen.generate(r);
        if (v.length() >= minLen && v.length() <= maxLen && check.matcher(v).find()) {
          return v;
        }
      }
    }
    String v = switch (s.path("format").asText("")) {
      case "date-time" -> DateTimeFormatter.ISO_INSTANT.format(EPOCH.plusSeconds(r.nextInt(365 * 86_400)));
      case "date" -> LocalDate.ofInstant(EPOCH, ZoneOffset.UTC).plusDays(r.nextInt(365)).toString();
      case "uuid" -> new UUID((r.nextLong() & ~0xF000L) | 0x4000L,
          (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString(); // version 4
      case "email" -> word(r) + "." + word(r) + "@example.com";
      case "uri", "url" -> "https://example.com/" + word(r) + "/" + r.nextInt(1000);
      case "uri-reference" -> "/" + word(r) + "/" + r.nextInt(1000);
      case "hostname" -> word(r) + ".example.com";
      case "ipv4" -> "192.0.2." + (1 + r.nextInt(254));
      case "ipv6" -> "2001:db8::" + Integer.toHexString(1 + r.nextInt(0xfffe));
      case "byte" -> java.util.Base64.getEncoder().encodeToString(word(r).getBytes());
      default -> word(r) + " " + word(r);
    };
    if (v.length() < minLen) {
      StringBuilder sb = new StringBuilder(v);
      while (sb.length() < minLen) {
        sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
      v = sb.toString();
    }
    return v.length() > maxLen ? v.substring(0, maxLen) : v;
  }

  private static String word(Random r) {
    return WORDS[r.nextInt(WORDS.length)];
  }

  /** rgxgen treats {@code ^}/{@code $} as literals in places; the whole value must match anyway. */
  private static String unanchored(String regex) {
    String x = regex.startsWith("^") ? regex.substring(1) : regex;
    return x.endsWith("$") && !x.endsWith("\\$") ? x.substring(0, x.length() - 1) : x;
  }
}
