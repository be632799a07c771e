package dev.apiplatform.server.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** The model's structured answer, with who produced it (for logs and stored provenance). */
public record LlmResult(JsonNode json, String provider, String model) {}
