package dev.apiplatform.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiplatform.server.outbound.OutboundException;
import dev.apiplatform.server.outbound.OutboundHttp;
import dev.apiplatform.server.outbound.OutboundRequest;
import dev.apiplatform.server.outbound.OutboundResponse;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any OpenAI-compatible {@code POST {base}/chat/completions} (OpenAI, Azure-style gateways, vLLM,
 * Ollama, LiteLLM ...) with {@code response_format: {type: json_schema, json_schema: {name,
 * schema, strict}}}. The key, when there is one, goes in {@code Authorization: Bearer}; local
 * servers often need none.
 */
public final class OpenAiCompatibleProvider implements LlmProvider {

  private static final Logger log = LoggerFactory.getLogger(OpenAiCompatibleProvider.class);

  private final OutboundHttp http;
  private final URI endpoint;
  private final Optional<String> apiKey;
  private final String model;

  public OpenAiCompatibleProvider(OutboundHttp http, URI baseUrl, Optional<String> apiKey, String model) {
    this.http = http;
    this.apiKey = apiKey;
    this.model = model;
    this.endpoint = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/chat/completions");
  }

  @Override
  public String name() {
    return "openai-compatible";
  }

  @Override
  public LlmResult generateJson(LlmRequest request) {
    var builder = OutboundRequest.post(endpoint).jsonBody(requestBody(request).toString()).retrySafe();
    apiKey.ifPresent(k -> builder.header("Authorization", "Bearer " + k));
    OutboundResponse response;
    try {
      response = http.send(builder.build());
    } catch (OutboundException e) {
      throw LlmException.unavailable(name(), e.kind().name().toLowerCase(Locale.ROOT));
    }
    if (!response.isSuccess()) {
      log.warn("{} answered {}", name(), response.status());
      if (response.status() == 429 || response.status() >= 500) {
        throw LlmException.unavailable(name(), "HTTP " + response.status());
      }
      throw LlmException.rejected(name(), response.status());
    }
    JsonNode root = ModelOutput.readProviderEnvelope(name(), response.bodyText());
    JsonNode choice = root.path("choices").path(0);
    if (choice.isMissingNode()) throw LlmException.malformed(name(), "no choices");
    String finish = choice.path("finish_reason").asText("");
    JsonNode message = choice.path("message");
    if (message.hasNonNull("refusal")) throw LlmException.blocked(name(), "refusal");
    if (finish.equals("length")) throw LlmException.truncated(name());
    if (finish.equals("content_filter")) throw LlmException.blocked(name(), "content_filter");
    JsonNode content = message.path("content");
    if (!content.isTextual()) throw LlmException.malformed(name(), "no message content");
    JsonNode json = ModelOutput.parse(name(), content.asText(), request.schema());
    return new LlmResult(json, name(), root.path("model").asText(model));
  }

  private ObjectNode requestBody(LlmRequest request) {
    ObjectNode body = ModelOutput.JSON.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (!request.system().isEmpty()) messages.addObject().put("role", "system").put("content", request.system());
    messages.addObject().put("role", "user").put("content", request.prompt());
    ObjectNode format = body.putObject("response_format").put("type", "json_schema");
    ObjectNode schema = format.putObject("json_schema");
    schema.put("name", request.schemaName());
    schema.set("schema", request.schema());
    schema.put("strict", request.strict());
    body.put("temperature", request.temperature());
    // max_tokens rather than max_completion_tokens: the one every compatible server accepts
    body.put("max_tokens", request.maxOutputTokens());
    return body;
  }
}
