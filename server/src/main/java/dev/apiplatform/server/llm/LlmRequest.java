package dev.apiplatform.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One structured-output request.
 *
 * @param system instructions that frame the task (role, rules, output language)
 * @param prompt the task itself, with the caller's data
 * @param schemaName a short identifier of the schema ([A-Za-z0-9_-], ≤ 64), required by OpenAI
 * @param schema a JSON Schema (draft 2020-12 subset: type, properties, required, items, enum,
 *     description, format, nullable, minimum/maximum, minItems/maxItems); providers translate it
 * @param maxOutputTokens bound on the answer; hitting it is reported as {@link LlmException.Kind#TRUNCATED}
 * @param temperature sampling temperature
 * @param strict ask OpenAI-compatible endpoints for strict schema adherence (needs every
 *     property required and {@code additionalProperties: false} on every object)
 */
public record LlmRequest(String system, String prompt, String schemaName, JsonNode schema, int maxOutputTokens,
    double temperature, boolean strict) {

  public LlmRequest {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(schema, "schema");
    if (schemaName == null || !schemaName.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("schemaName must match [A-Za-z0-9_-]{1,64}");
    }
    if (maxOutputTokens < 1) throw new IllegalArgumentException("maxOutputTokens must be >= 1");
    system = system == null ? "" : system;
  }

  /** Defaults: 4096 output tokens, temperature 0.2, no strict mode. */
  public static LlmRequest of(String system, String prompt, String schemaName, JsonNode schema) {
    return new LlmRequest(system, prompt, schemaName, schema, 4096, 0.2, false);
  }

  public LlmRequest withMaxOutputTokens(int tokens) {
    return new LlmRequest(system, prompt, schemaName, schema, tokens, temperature, strict);
  }

  public LlmRequest withStrict(boolean value) {
    return new LlmRequest(system, prompt, schemaName, schema, maxOutputTokens, temperature, value);
  }

  @Override
  public String toString() {
    // prompts carry user data: keep them out of any accidental log line
    return "LlmRequest[schema=" + schemaName + ", promptChars=" + prompt.length() + "]";
  }
}
