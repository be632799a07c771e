package dev.apiplatform.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON request body schema compiled once, for {@link FastParameters}: like it, it only says
 * "surely valid" or "ask the validator". It compiles schemas made of the plain keywords (type,
 * properties, required, additionalProperties false, items, lengths, bounds, pattern, enum) and
 * gives up on anything else (formats other than int32/int64, nullable, allOf/oneOf, readOnly...),
 * so every check it makes is one the validator makes too, and none is looser.
 */
final class FastBody {

  // exact decimals, and refusing what a laxer parse would let through (duplicate keys, trailing data)
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> KNOWN = Set.of("type", "properties", "required",
      "additionalProperties", "items", "minItems", "maxItems", "minProperties", "maxProperties",
      "minLength", "maxLength", "minimum", "maximum", "pattern", "enum", "format", "example",
      "description", "title", "default");

  /** One compiled schema node. */
  private record Node(String type, Map<String, Node> properties, Set<String> required,
      boolean closed, Node items, Integer minCount, Integer maxCount, Integer minLength,
      Integer maxLength, BigDecimal minimum, BigDecimal maximum, Pattern pattern, List<JsonNode> values,
      String format) {}

  private final Node root;

  private FastBody(Node root) {
    this.root = root;
  }

  /** The compiled schema, or null when some part of it needs the validator. */
  static FastBody compile(OpenApiDocument doc, JsonNode schema) {
    Node n = node(doc, schema, 0);
    return n == null ? null : new FastBody(n);
  }

  private static Node node(OpenApiDocument doc, JsonNode schemaOrRef, int depth) {
    JsonNode s = doc.deref(schemaOrRef);
    if (depth > 8 || !s.isObject()) {
      return null;
    }
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      if (!KNOWN.contains(it.next())) {
        return null;
      }
    }
    String type = s.path("type").asText("");
    String format = s.path("format").asText("");
    if (!Set.of("object", "array", "string", "integer", "number", "boolean").contains(type)
        || !format.isEmpty() && !(Set.of("int32", "int64").contains(format) && type.equals("integer"))
        || s.has("additionalProperties") && !s.get("additionalProperties").equals(JSON.getNodeFactory().booleanNode(false))) {
      return null;
    }
    Map<String, Node> props = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      Node child = node(doc, p.getValue(), depth + 1);
      if (child == null) {
        return null;
      }
      props.put(p.getKey(), child);
    }
    Set<String> required = new HashSet<>();
    s.path("required").forEach(r -> required.add(r.asText()));
    Node items = null;
    if (type.equals("array")) {
      items = s.has("items") ? node(doc, s.get("items"), depth + 1) : null;
      if (items == null) {
        return null;
      }
    }
    List<JsonNode> values = null;
    if (s.has("enum")) {
      values = new ArrayList<>();
      s.get("enum").forEach(values::add);
    }
    String countMin = type.equals("array") ? "minItems" : "minProperties";
    String countMax = type.equals("array") ? "maxItems" : "maxProperties";
    return new Node(type, props, required, s.has("additionalProperties"), items,
        s.has(countMin) ? s.get(countMin).asInt() : null, s.has(countMax) ? s.get(countMax).asInt() : null,
        s.has("minLength") ? s.get("minLength").asInt() : null,
        s.has("maxLength") ? s.get("maxLength").asInt() : null,
        s.has("minimum") ? s.get("minimum").decimalValue() : null,
        s.has("maximum") ? s.get("maximum").decimalValue() : null,
        s.has("pattern") ? Pattern.compile(s.get("pattern").asText()) : null, values, format);
  }

  /** True when the body is surely valid; false on any doubt, including JSON that does not parse. */
  boolean valid(byte[] body) {
    JsonNode value;
    try {
      value = JSON.readTree(body);
    } catch (java.io.IOException e) {
      return false;
    }
    return value != null && !value.isMissingNode() && valid(root, value);
  }

  private static boolean valid(Node n, JsonNode v) {
    if (n.values() != null && !n.values().contains(v)) {
      return false;
    }
    switch (n.type()) {
      case "object" -> {
        if (!v.isObject() || n.minCount() != null && v.size() < n.minCount()
            || n.maxCount() != null && v.size() > n.maxCount()) {
          return false;
        }
        for (String r : n.required()) {
          if (!v.has(r)) {
            return false;
          }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          Node child = n.properties().get(f.getKey());
          if (child == null ? n.closed() : !valid(child, f.getValue())) {
            return false;
          }
        }
        return true;
      }
      case "array" -> {
        if (!v.isArray() || n.minCount() != null && v.size() < n.minCount()
            || n.maxCount() != null && v.size() > n.maxCount()) {
          return false;
        }
        for (JsonNode e : v) {
          if (!valid(n.items(), e)) {
            return false;
          }
        }
        return true;
      }
      case "string" -> {
        if (!v.isTextual()) {
          return false;
        }
        String s = v.textValue();
        for (int i = 0; i < s.length(); i++) {
          if (Character.isSurrogate(s.charAt(i))) {
            return false; // lengths in code points: the validator's count
          }
        }
        return (n.minLength() == null || s.length() >= n.minLength())
            && (n.maxLength() == null || s.length() <= n.maxLength())
            && (n.pattern() == null || n.pattern().matcher(s).find());
      }
      case "boolean" -> {
        return v.isBoolean();
      }
      default -> {
        if (!v.isNumber() || n.type().equals("integer") && !v.isIntegralNumber()) {
          return false;
        }
        BigDecimal d = v.decimalValue();
        if (n.format().equals("int32") && !v.canConvertToInt() || n.format().equals("int64") && !v.canConvertToLong()) {
          return false;
        }
        return (n.minimum() == null || d.compareTo(n.minimum()) >= 0)
            && (n.maximum() == null || d.compareTo(n.maximum()) <= 0);
      }
    }
  }
}
