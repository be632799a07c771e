package dev.apiplatform.server.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a model's text into JSON, or a typed failure. Shared by both providers so "malformed"
 * means the same everywhere.
 */
final class ModelOutput {

  // strict: one JSON value and nothing after it, so a half-written answer never passes as its prefix
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  // OpenAI-compatible servers without schema support sometimes wrap JSON in a Markdown fence
  private static final Pattern FENCE = Pattern.compile("\\A```(?:json)?\\s*\\n(.*)\\n```\\s*\\z", Pattern.DOTALL);

  private ModelOutput() {}

  static JsonNode parse(String provider, String text, JsonNode schema) {
    if (text == null || text.isBlank()) throw LlmException.malformed(provider, "empty output");
    String body = text.strip();
    Matcher fenced = FENCE.matcher(body);
    if (fenced.matches()) body = fenced.group(1).strip();
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      // position only: the parser's message quotes the model's text, which is not ours to echo
      throw LlmException.malformed(provider, "not JSON at character " + e.getLocation().getCharOffset());
    }
    checkShape(provider, node, schema);
    return node;
  }

  /** The top level only: the schema's type and required members; callers validate their items. */
  private static void checkShape(String provider, JsonNode node, JsonNode schema) {
    String type = schema.path("type").asText("");
    boolean ok = switch (type) {
      case "object" -> node.isObject();
      case "array" -> node.isArray();
      case "string" -> node.isTextual();
      case "number" -> node.isNumber();
      case "integer" -> node.isIntegralNumber();
      case "boolean" -> node.isBoolean();
      default -> true;
    };
    if (!ok) throw LlmException.malformed(provider, "expected a JSON " + type);
    if (node.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!node.has(required.asText())) {
          throw LlmException.malformed(provider, "missing member '" + required.asText() + "'");
        }
      }
    }
  }

  static JsonNode readProviderEnvelope(String provider, String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      // a proxy or gateway error page in place of the API's JSON
      throw LlmException.unavailable(provider, "the answer was not the API's JSON envelope");
    }
  }
}
