package dev.apiplatform.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.Iterator;
import java.util.Map;

/** One documented response of an operation as a WireMock response: status, headers, example body. */
final class ResponseStubs {

  private final OpenApiDocument doc;
  private final Examples examples;

  ResponseStubs(OpenApiDocument doc, Examples examples) {
    this.doc = doc;
    this.examples = examples;
  }

  ResponseDefinitionBuilder of(int status, JsonNode responseNode, String label) {
    JsonNode resp = doc.deref(responseNode);
    ResponseDefinitionBuilder rb = aResponse().withStatus(status);
    JsonNode headers = resp.path("headers");
    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> h = it.next();
      String name = h.getKey();
      if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")
          || name.equalsIgnoreCase(ContractResponseTransformer.REQUEST_ID)) {
        continue; // Content-Type comes from the media type; X-Request-ID from the transformer
      }
      rb.withHeader(name, Bodies.headerValue(examples.forHeader(h.getValue())));
    }
    JsonNode content = resp.path("content");
    if (status != 204 && status != 304 && content.isObject() && content.size() > 0) {
      Map.Entry<String, JsonNode> first = content.fields().next();
      String mediaType = first.getKey();
      JsonNode example;
      try {
        example = examples.forMediaType(first.getValue());
      } catch (RuntimeException e) {
        throw new IllegalStateException("Cannot build the example of " + label + " -> " + status
            + ": " + e.getMessage(), e);
      }
      rb.withHeader("Content-Type", mediaType.contains("*") ? "application/octet-stream" : mediaType);
      String body = Bodies.render(example, mediaType);
      if (body != null) {
        rb.withBody(body);
      }
    }
    return rb;
  }}
