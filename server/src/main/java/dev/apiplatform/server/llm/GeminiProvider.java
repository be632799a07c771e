package dev.apiplatform.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiplatform.server.outbound.OutboundException;
import dev.apiplatform.server.outbound.OutboundHttp;
import dev.apiplatform.server.outbound.OutboundRequest;
import dev.apiplatform.server.outbound.OutboundResponse;
import java.net.URI;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google's Gemini REST API, {@code POST {base}/models/{model}:generateContent} with
 * {@code generationConfig.responseMimeType = application/json} and a {@code responseSchema}
 * (Gemini's OpenAPI-subset schema, see {@link GeminiSchema}). The key travels in the
 * {@code x-goog-api-key} header, not the query string, so no URL carries it.
 */
public final class GeminiProvider implements LlmProvider {

  private static final Logger log = LoggerFactory.getLogger(GeminiProvider.class);
  private static final Set<String> BLOCKING_FINISH =
      Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "LANGUAGE");

  private final OutboundHttp http;
  private final URI endpoint;
  private final String apiKey;
  private final String model;

  public GeminiProvider(OutboundHttp http, URI baseUrl, String apiKey, String model) {
    this.http = http;
    this.apiKey = apiKey;
    // "models/gemini-2.5-flash" (the API's resource name) and "gemini-2.5-flash" mean the same
    this.model = model.startsWith("models/") ? model.substring("models/".length()) : model;
    String base = baseUrl.toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/models/" + this.model + ":generateContent");
  }

  @Override
  public String name() {
    return "gemini";
  }

  @Override
  public LlmResult generateJson(LlmRequest request) {
    OutboundResponse response;
    try {
      response = http.send(OutboundRequest.post(endpoint)
          .header("x-goog-api-key", apiKey)
          .jsonBody(requestBody(request).toString())
          .retrySafe() // a generation has no side effect: repeating it is harmless
          .build());
    } catch (OutboundException e) {
      throw LlmException.unavailable(name(), e.kind().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!response.isSuccess()) {
      JsonNode error = safeTree(response.bodyText());
      log.warn("gemini answered {} ({})", response.status(), error.path("error").path("status").asText("no status"));
      if (response.status() == 429 || response.status() >= 500) {
        throw LlmException.unavailable(name(), "HTTP " + response.status());
      }
      throw LlmException.rejected(name(), response.status());
    }
    JsonNode root = ModelOutput.readProviderEnvelope(name(), response.bodyText());
    JsonNode candidate = root.path("candidates").path(0);
    if (candidate.isMissingNode()) {
      String reason = root.path("promptFeedback").path("blockReason").asText("no candidates");
      throw LlmException.blocked(name(), reason);
    }
    String finish = candidate.path("finishReason").asText("");
    if (finish.equals("MAX_TOKENS")) throw LlmException.truncated(name());
    if (BLOCKING_FINISH.contains(finish)) throw LlmException.blocked(name(), finish);
    StringBuilder text = new StringBuilder();
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (!part.path("thought").asBoolean(false)) text.append(part.path("text").asText(""));
    }
    JsonNode json = ModelOutput.parse(name(), text.toString(), request.schema());
    return new LlmResult(json, name(), root.path("modelVersion").asText(model));
  }

  private static ObjectNode requestBody(LlmRequest request) {
    ObjectNode body = ModelOutput.JSON.createObjectNode();
    if (!request.system().isEmpty()) {
      body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.system());
    }
    ArrayNode contents = body.putArray("contents");
    ObjectNode user = contents.addObject().put("role", "user");
    user.putArray("parts").addObject().put("text", request.prompt());
    ObjectNode config = body.putObject("generationConfig");
    config.put("responseMimeType", "application/json");
    config.set("responseSchema", GeminiSchema.from(request.schema()));
    config.put("temperature", request.temperature());
    config.put("maxOutputTokens", request.maxOutputTokens());
    return body;
  }

  private static JsonNode safeTree(String body) {
    try {
      return ModelOutput.JSON.readTree(body);
    } catch (Exception e) {
      return ModelOutput.JSON.createObjectNode();
    }
  }
}
