package dev.apiplatform.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schema → Gemini's {@code responseSchema} (an OpenAPI 3.0 Schema subset with upper-case
 * types). Keywords Gemini does not accept (additionalProperties, $schema, pattern ...) are
 * dropped rather than sent, because an unknown field fails the whole request with 400.
 */
final class GeminiSchema {

  private static final Set<String> COPIED = Set.of("description", "nullable", "enum", "minItems",
      "maxItems", "minimum", "maximum", "propertyOrdering");
  /** The only formats Gemini's Schema accepts; "date", "uri", "email" ... would fail the call. */
  private static final Set<String> FORMATS = Set.of("float", "double", "int32", "int64", "enum", "date-time");

  private GeminiSchema() {}

  static ObjectNode from(JsonNode schema) {
    ObjectNode out = ModelOutput.JSON.createObjectNode();
    JsonNode type = schema.get("type");
    if (type != null && type.isArray()) {
      // ["string", "null"] is JSON Schema's way to say nullable
      for (JsonNode t : type) {
        if (t.asText().equals("null")) out.put("nullable", true);
        else out.put("type", t.asText().toUpperCase(Locale.ROOT));
      }
    } else if (type != null) {
      out.put("type", type.asText().toUpperCase(Locale.ROOT));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      var field = it.next();
      if (COPIED.contains(field.getKey())) out.set(field.getKey(), field.getValue());
    }
    if (FORMATS.contains(schema.path("format").asText())) out.set("format", schema.get("format"));
    if (schema.has("properties")) {
      ObjectNode props = out.putObject("properties");
      schema.get("properties").fields().forEachRemaining(p -> props.set(p.getKey(), from(p.getValue())));
    }
    if (schema.has("required")) out.set("required", schema.get("required"));
    if (schema.has("items")) out.set("items", from(schema.get("items")));
    if (schema.has("anyOf")) {
      ArrayNode any = out.putArray("anyOf");
      schema.get("anyOf").forEach(s -> any.add(from(s)));
    }
    return out;
  }
}
