package dev.apiplatform.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One documented response of an operation, rendered once at start: status, documented headers
 * with their examples, the body of the first media type's example, every named example, and
 * the schema (for {@code Prefer: dynamic=true} and stateful bodies).
 *
 * @param key the response key as documented ({@code 201}, {@code 4XX}, {@code default})
 * @param mediaType the first media type, or null when the response has no content
 * @param named rendered named examples ({@code examples:} of that media type), in order
 */
record CannedResponse(String key, int status, String mediaType, List<MockResponse.Header> headers,
    byte[] body, Map<String, byte[]> named, JsonNode schema, JsonNode example) {

  /** A copy as a response with {@code status} (range and default keys serve the asked code). */
  MockResponse toResponse(int statusToServe, byte[] bodyOverride) {
    MockResponse r = new MockResponse(statusToServe);
    for (MockResponse.Header h : headers) {
      r.header(h.name(), h.value());
    }
    byte[] b = bodyOverride != null ? bodyOverride : body;
    if (mediaType != null && b != null && statusToServe != 204 && statusToServe != 304) {
      r.header("Content-Type", mediaType.contains("*") ? "application/octet-stream" : mediaType);
      r.body(b);
    }
    return r;
  }

  static CannedResponse build(OpenApiDocument doc, Examples examples, String key, int status,
      JsonNode responseNode, String label) {
    JsonNode resp = doc.deref(responseNode);
    List<MockResponse.Header> headers = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = resp.path("headers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> h = it.next();
      String name = h.getKey();
      if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")
          || name.equalsIgnoreCase(Dispatcher.REQUEST_ID)) {
        continue; // Content-Type comes from the media type; X-Request-ID from the dispatcher
      }
      headers.add(new MockResponse.Header(name, Bodies.headerValue(examples.forHeader(h.getValue()))));
    }
    JsonNode content = resp.path("content");
    if (status == 204 || status == 304 || !content.isObject() || content.size() == 0) {
      return new CannedResponse(key, status, null, List.copyOf(headers), null, Map.of(), null, null);
    }
    Map.Entry<String, JsonNode> first = content.fields().next();
    String mediaType = first.getKey();
    JsonNode mt = doc.deref(first.getValue());
    JsonNode example;
    try {
      example = examples.forMediaType(mt);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot build the example of " + label + " -> " + key
          + ": " + e.getMessage(), e);
    }
    Map<String, byte[]> named = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = mt.path("examples").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = examples.named(mt.get("examples"), e.getKey());
      if (value != null) {
        named.put(e.getKey(), bytes(Bodies.render(value, mediaType)));
      }
    }
    return new CannedResponse(key, status, mediaType, List.copyOf(headers),
        bytes(Bodies.render(example, mediaType)), Collections.unmodifiableMap(named),
        mt.get("schema"), example);
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
