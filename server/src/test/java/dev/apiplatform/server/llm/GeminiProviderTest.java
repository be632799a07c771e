package dev.apiplatform.server.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GeminiProviderTest {

  static final String PATH = "/v1beta/models/gemini-2.5-flash:generateContent";
  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  GeminiProvider provider;
  LlmRequest request;

  @BeforeEach
  void setUp() throws Exception {
    provider = new GeminiProvider(LlmWireMock.http("gemini"), URI.create(wm.baseUrl() + "/v1beta"),
        "AIza-test-key", "gemini-2.5-flash");
    request = LlmRequest.of("You list real local events.", "Events in Alpharetta, GA on 2025-10-02",
        "ai_events", ModelOutput.JSON.readTree(LlmWireMock.EVENTS_SCHEMA));
  }

  void answer(int status, String body) {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body)));
  }

  @Test
  void generateJson_sendsKeyInHeader_schemaAndJsonMime_andReturnsTheParsedAnswer() {
    answer(200, LlmWireMock.gemini(LlmWireMock.EVENTS_JSON, "STOP"));

    LlmResult result = provider.generateJson(request);

    assertThat(result.json().path("items").path(0).path("title").asText()).isEqualTo("Downtown Art Walk");
    assertThat(result.provider()).isEqualTo("gemini");
    assertThat(result.model()).isEqualTo("gemini-2.5-flash");
    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withHeader("x-goog-api-key", equalTo("AIza-test-key"))
        .withRequestBody(equalToJson("""
            {"systemInstruction":{"parts":[{"text":"You list real local events."}]},
             "contents":[{"role":"user","parts":[{"text":"Events in Alpharetta, GA on 2025-10-02"}]}],
             "generationConfig":{"responseMimeType":"application/json","maxOutputTokens":4096,
               "responseSchema":{"type":"OBJECT","required":["items"],"properties":{"items":{"type":"ARRAY",
                 "items":{"type":"OBJECT","required":["title","start_date","timezone","source_url"],
                 "properties":{"title":{"type":"STRING"},"start_date":{"type":"STRING"},
                   "start_time":{"type":"STRING","nullable":true},"timezone":{"type":"STRING"},
                   "source_url":{"type":"STRING"},"tags":{"type":"ARRAY","items":{"type":"STRING"}}}}}}}}}
            """, true, true)));
    assertThat(wm.getAllServeEvents().get(0).getRequest().getUrl()).doesNotContain("key=");
    // Gemini rejects formats outside its list, and additionalProperties altogether
    String sent = wm.getAllServeEvents().get(0).getRequest().getBodyAsString();
    assertThat(sent).doesNotContain("\"date\"", "additionalProperties");
  }

  @Test
  void outputCutAtTheTokenLimit_isTruncated() {
    answer(200, LlmWireMock.gemini(LlmWireMock.EVENTS_JSON.substring(0, 60), "MAX_TOKENS"));

    assertThatThrownBy(() -> provider.generateJson(request)).isInstanceOfSatisfying(LlmException.class,
        e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TRUNCATED));
  }

  @Test
  void halfWrittenJson_withAStopReason_isMalformed_withoutEchoingTheOutput() {
    answer(200, LlmWireMock.gemini(LlmWireMock.EVENTS_JSON.substring(0, 80), "STOP"));

    assertThatThrownBy(() -> provider.generateJson(request)).isInstanceOfSatisfying(LlmException.class, e -> {
      assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_OUTPUT);
      assertThat(e.status()).isEqualTo(502);
      assertThat(e.getMessage()).doesNotContain("Art Walk");
    });
  }

  @Test
  void proseInsteadOfJson_isMalformed() {
    answer(200, LlmWireMock.gemini("Here are some events you might enjoy: the Downtown Art Walk on Thursday!", "STOP"));

    assertThatThrownBy(() -> provider.generateJson(request)).isInstanceOfSatisfying(LlmException.class,
        e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_OUTPUT));
  }

  @Test
  void jsonOfTheWrongShape_isMalformed() {
    answer(200, LlmWireMock.gemini("[{\"title\":\"x\"}]", "STOP"));

    assertThatThrownBy(() -> provider.generateJson(request)).isInstanceOfSatisfying(LlmException.class,
        e -> assertThat(e.getMessage()).contains("expected a JSON object"));
  }

  @Test
  void blockedPrompt_withoutCandidates_isBlocked() {
    answer(200, """
        {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[]},
         "usageMetadata":{"promptTokenCount":12,"totalTokenCount":12},"modelVersion":"gemini-2.5-flash"}
        """);

    assertThatThrownBy(() -> provider.generateJson(request)).isInstanceOfSatisfying(LlmException.class, e -> {
      assertThat(e.kind()).isEqualTo(LlmException.Kind.BLOCKED);
      assertThat(e.getMessage()).contains("SAFETY");
    });
  }

  @Test
  void one503_isRetriedOnce_andTheSecondAnswerUsed() {
    wm.stubFor(post(urlEqualTo(PATH)).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withBody(
            "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"))
        .willSetStateTo("ok"));
    wm.stubFor(post(urlEqualTo(PATH)).inScenario("r").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody(LlmWireMock.gemini(LlmWireMock.EVENTS_JSON, "STOP"))));

    assertThat(provider.generateJson(request).json().path("items").size()).isEqualTo(1);
    wm.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void twoRateLimits_giveUpAfterOneRetry_asUnavailable503() {
    answer(429, "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted\",\"status\":\"RESOURCE_EXHAUSTED\"}}");

    assertThatThrownBy(() -> provider.generateJson(request)).isInstanceOfSatisfying(LlmException.class, e -> {
      assertThat(e.kind()).isEqualTo(LlmException.Kind.UNAVAILABLE);
      assertThat(e.status()).isEqualTo(503);
    });
    wm.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void badKey_isRejected_withoutRetry_andTheKeyIsNotInTheProblem() {
    answer(400, """
        {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
         "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}
        """);

    assertThatThrownBy(() -> provider.generateJson(request)).isInstanceOfSatisfying(LlmException.class, e -> {
      assertThat(e.kind()).isEqualTo(LlmException.Kind.REJECTED);
      assertThat(e.toProblem().toString()).doesNotContain("AIza-test-key");
    });
    wm.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void gatewayHtmlPage_isUnavailable_notAParseCrash() {
    answer(200, "<html><body><h1>502 Bad Gateway</h1></body></html>");

    assertThatThrownBy(() -> provider.generateJson(request)).isInstanceOfSatisfying(LlmException.class,
        e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.UNAVAILABLE));
  }

  @Test
  void thoughtParts_areIgnored_andTextPartsJoined() {
    answer(200, """
        {"candidates":[{"content":{"parts":[{"text":"thinking about events","thought":true},
          {"text":"{\\"items\\":"},{"text":"[]}"}],"role":"model"},"finishReason":"STOP"}],
         "modelVersion":"gemini-2.5-pro"}
        """);

    LlmResult result = provider.generateJson(request);
    assertThat(result.json().path("items").isArray()).isTrue();
    assertThat(result.model()).isEqualTo("gemini-2.5-pro");
  }
}
