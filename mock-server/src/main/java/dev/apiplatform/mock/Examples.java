package dev.apiplatform.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Picks the example a response serves, in this order: the media type's {@code example};
 * else the first of its {@code examples} with a {@code value}; else one synthesized from
 * its schema (see {@link #fromSchema}).
 */
final class Examples {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 16;

  private final OpenApiDocument doc;

  Examples(OpenApiDocument doc) {
    this.doc = doc;
  }

  /** The example for a media type object, or {@code null} when nothing can be derived. */
  JsonNode forMediaType(JsonNode mediaType) {
    JsonNode mt = doc.deref(mediaType);
    if (mt.has("example")) {
      return mt.get("example");
    }
    JsonNode named = firstNamed(mt.get("examples"));
    if (named != null) {
      return named;
    }
    return mt.has("schema") ? fromSchema(mt.get("schema")) : null;
  }

  /** Value of the named example, or of the first one that has an inline value. */
  JsonNode named(JsonNode examples, String name) {
    if (examples == null || !examples.isObject() || !examples.has(name)) {
      return null;
    }
    JsonNode ex = doc.deref(examples.get(name));
    return ex.has("value") ? ex.get("value") : null;
  }

  JsonNode firstNamed(JsonNode examples) {
    if (examples == null || !examples.isObject()) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = examples.fields(); it.hasNext(); ) {
      JsonNode ex = doc.deref(it.next().getValue());
      if (ex.has("value")) {
        return ex.get("value"); // externalValue-only entries are skipped
      }
    }
    return null;
  }

  /** Example for a header / parameter object: its example, first of examples, else its schema's. */
  JsonNode forHeader(JsonNode header) {
    JsonNode h = doc.deref(header);
    if (h.has("example")) {
      return h.get("example");
    }
    JsonNode named = firstNamed(h.get("examples"));
    if (named != null) {
      return named;
    }
    if (h.has("schema")) {
      return fromSchema(h.get("schema"));
    }
    JsonNode content = h.get("content");
    if (content != null && content.isObject() && content.size() > 0) {
      return forMediaType(content.elements().next());
    }
    return null;
  }

  /**
   * Synthesizes an example: the schema's own {@code example}; else allOf members merged;
   * else the first oneOf/anyOf member; else the first enum value; else its default; else
   * objects built property by property (writeOnly ones skipped), arrays of one item, and a
   * type-based placeholder for scalars. {@code $ref}s are followed; recursion stops at a
   * schema already being expanded.
   */
  JsonNode fromSchema(JsonNode schema) {
    return synth(schema, new HashSet<>(), 0);
  }

  private JsonNode synth(JsonNode schemaOrRef, Set<String> expanding, int depth) {
    if (schemaOrRef == null || schemaOrRef.isMissingNode() || depth > MAX_DEPTH) {
      return null;
    }
    if (schemaOrRef.isBoolean()) {
      return null;
    }
    String ref = schemaOrRef.has("$ref") ? schemaOrRef.get("$ref").asText() : null;
    if (ref != null) {
      if (!expanding.add(ref)) {
        return null; // recursive structure: stop here
      }
      try {
        return synth(doc.pointer(ref), expanding, depth + 1);
      } finally {
        expanding.remove(ref);
      }
    }
    JsonNode s = schemaOrRef;
    if (s.has("example")) {
      return s.get("example");
    }
    if (s.has("examples") && s.get("examples").isArray() && s.get("examples").size() > 0) {
      return s.get("examples").get(0); // OpenAPI 3.1 / JSON Schema style
    }
    if (s.has("allOf")) {
      return mergeAllOf(s, expanding, depth);
    }
    for (String alt : new String[] {"oneOf", "anyOf"}) {
      if (s.has(alt) && s.get(alt).isArray() && s.get(alt).size() > 0) {
        return synth(s.get(alt).get(0), expanding, depth + 1);
      }
    }
    if (s.has("enum") && s.get("enum").isArray() && s.get("enum").size() > 0) {
      return s.get("enum").get(0);
    }
    if (s.has("const")) {
      return s.get("const");
    }
    if (s.has("default")) {
      return s.get("default");
    }
    String type = type(s);
    if ("object".equals(type) || (type == null && (s.has("properties") || s.has("additionalProperties")))) {
      return object(s, expanding, depth);
    }
    if ("array".equals(type) || (type == null && s.has("items"))) {
      ArrayNode arr = NODES.arrayNode();
      JsonNode item = synth(s.get("items"), expanding, depth + 1);
      if (item != null) {
        arr.add(item);
      }
      return arr;
    }
    if (type == null) {
      return null;
    }
    return scalar(type, s);
  }

  private JsonNode mergeAllOf(JsonNode s, Set<String> expanding, int depth) {
    ObjectNode merged = NODES.objectNode();
    JsonNode scalar = null;
    for (JsonNode part : s.get("allOf")) {
      JsonNode v = synth(part, expanding, depth + 1);
      if (v instanceof ObjectNode o) {
        merged.setAll(o);
      } else if (v != null && scalar == null) {
        scalar = v;
      }
    }
    if (s.has("properties")) {
      JsonNode own = object(s, expanding, depth);
      if (own instanceof ObjectNode o) {
        merged.setAll(o);
      }
    }
    return merged.isEmpty() && scalar != null ? scalar : merged;
  }

  private JsonNode object(JsonNode s, Set<String> expanding, int depth) {
    ObjectNode obj = NODES.objectNode();
    JsonNode props = s.get("properties");
    if (props != null && props.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        JsonNode prop = p.getValue();
        JsonNode resolved = doc.deref(prop);
        if (resolved.path("writeOnly").asBoolean(false)) {
          continue; // never in a response
        }
        JsonNode v = synth(prop, expanding, depth + 1);
        if (v != null) {
          obj.set(p.getKey(), v);
        }
      }
    }
    JsonNode ap = s.get("additionalProperties");
    if (obj.isEmpty() && ap != null && ap.isObject() && ap.size() > 0) {
      JsonNode v = synth(ap, expanding, depth + 1);
      if (v != null) {
        obj.set("key", v);
      }
    }
    return obj;
  }

  private static String type(JsonNode s) {
    JsonNode t = s.get("type");
    if (t == null) {
      return null;
    }
    if (t.isArray()) { // 3.1: ["string", "null"]
      for (JsonNode x : t) {
        if (!"null".equals(x.asText())) {
          return x.asText();
        }
      }
      return null;
    }
    return t.asText();
  }

  private static JsonNode scalar(String type, JsonNode s) {
    String format = s.path("format").asText("");
    switch (type) {
      case "integer": {
        long v = s.has("minimum") ? (long) Math.ceil(s.get("minimum").asDouble()) : 0;
        if (s.path("exclusiveMinimum").asBoolean(false)) {
          v++;
        }
        if (s.has("maximum") && v > s.get("maximum").asDouble()) {
          v = (long) Math.floor(s.get("maximum").asDouble());
        }
        return NODES.numberNode(v);
      }
      case "number": {
        double v = s.has("minimum") ? s.get("minimum").asDouble() : 0.0;
        if (s.has("maximum") && v > s.get("maximum").asDouble()) {
          v = s.get("maximum").asDouble();
        }
        return NODES.numberNode(v);
      }
      case "boolean":
        return NODES.booleanNode(true);
      case "null":
        return NODES.nullNode();
      case "string":
        return NODES.textNode(switch (format) {
          case "date-time" -> "2026-01-01T00:00:00Z";
          case "date" -> "2026-01-01";
          case "time" -> "00:00:00Z";
          case "uuid" -> "3fa85f64-5717-4562-b3fc-2c963f66afa6";
          case "email" -> "user@example.com";
          case "uri", "url" -> "https://example.com";
          case "uri-reference" -> "/";
          case "hostname" -> "example.com";
          case "ipv4" -> "192.0.2.1";
          case "ipv6" -> "2001:db8::1";
          case "byte" -> "c3RyaW5n";
          case "password" -> "********";
          default -> "string";
        });
      default:
        return null;
    }
  }
}
