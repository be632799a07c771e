package dev.apiplatform.server.llm;

import dev.apiplatform.server.outbound.OutboundHttp;
import dev.apiplatform.server.outbound.OutboundSettings;
import java.time.Clock;
import java.time.Duration;

/** Shared bits of the provider tests: realistic answers and a client that does not sleep. */
final class LlmWireMock {

  static final String EVENTS_SCHEMA = """
      {"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{
        "type":"object","required":["title","start_date","timezone","source_url"],
        "properties":{"title":{"type":"string"},"start_date":{"type":"string","format":"date"},
          "start_time":{"type":["string","null"]},"timezone":{"type":"string"},
          "source_url":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}},
        "additionalProperties":false}}},"additionalProperties":false}
      """;

  static final String EVENTS_JSON = "{\"items\":[{\"title\":\"Downtown Art Walk\",\"start_date\":\"2025-10-02\","
      + "\"start_time\":\"18:00\",\"timezone\":\"America/New_York\","
      + "\"source_url\":\"https://example.com/events/art-walk\",\"tags\":[\"arts\",\"community\"]}]}";

  private LlmWireMock() {}

  static OutboundHttp http(String name) {
    return new OutboundHttp(new OutboundSettings(name, Duration.ofSeconds(1), Duration.ofSeconds(2), 2,
        Duration.ofMillis(10), Duration.ofSeconds(10)), d -> {}, Clock.systemUTC());
  }

  static String quoted(String s) {
    try {
      return ModelOutput.JSON.writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String gemini(String text, String finishReason) {
    return """
        {"candidates":[{"content":{"parts":[{"text":%s}],"role":"model"},"finishReason":"%s","index":0,
          "safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"}]}],
         "usageMetadata":{"promptTokenCount":212,"candidatesTokenCount":96,"totalTokenCount":308},
         "modelVersion":"gemini-2.5-flash","responseId":"mJ4taK3vD8-Wz7IP2p2q4Ac"}
        """.formatted(quoted(text), finishReason);
  }

  static String openAi(String content, String finishReason) {
    return """
        {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,
         "model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":%s,
         "refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"%s"}],
         "usage":{"prompt_tokens":1117,"completion_tokens":46,"total_tokens":1163},
         "service_tier":"default","system_fingerprint":"fp_fc9f1d7035"}
        """.formatted(content == null ? "null" : quoted(content), finishReason);
  }
}
