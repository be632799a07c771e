package dev.apiplatform.server.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenAiCompatibleProviderTest {

  static final String PATH = "/v1/chat/completions";
  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  LlmRequest request;

  @BeforeEach
  void setUp() throws Exception {
    request = LlmRequest.of("You list real local events.", "Events in Suva, Fiji this weekend",
        "ai_events", ModelOutput.JSON.readTree(LlmWireMock.EVENTS_SCHEMA));
  }

  OpenAiCompatibleProvider provider(Optional<String> key) {
    return new OpenAiCompatibleProvider(LlmWireMock.http("openai-compatible"), URI.create(wm.baseUrl() + "/v1/"),
        key, "gpt-4o-2024-08-06");
  }

  void answer(int status, String body) {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  void generateJson_sendsBearerKeyAndJsonSchemaFormat_andReturnsTheParsedAnswer() {
    answer(200, LlmWireMock.openAi(LlmWireMock.EVENTS_JSON, "stop"));

    LlmResult result = provider(Optional.of("sk-test-secret")).generateJson(request.withStrict(true));

    assertThat(result.json().path("items").path(0).path("source_url").asText())
        .isEqualTo("https://example.com/events/art-walk");
    assertThat(result.model()).isEqualTo("gpt-4o-2024-08-06");
    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withHeader("Authorization", equalTo("Bearer sk-test-secret"))
        .withRequestBody(equalToJson("""
            {"model":"gpt-4o-2024-08-06",
             "messages":[{"role":"system","content":"You list real local events."},
                         {"role":"user","content":"Events in Suva, Fiji this weekend"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"ai_events","strict":true,
               "schema":%s}},
             "max_tokens":4096}
            """.formatted(LlmWireMock.EVENTS_SCHEMA), true, true)));
  }

  @Test
  void withoutAKey_noAuthorizationHeaderIsSent() {
    answer(200, LlmWireMock.openAi(LlmWireMock.EVENTS_JSON, "stop"));

    provider(Optional.empty()).generateJson(request);

    wm.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", absent()));
  }

  @Test
  void finishReasonLength_isTruncated() {
    answer(200, LlmWireMock.openAi(LlmWireMock.EVENTS_JSON.substring(0, 70), "length"));

    assertThatThrownBy(() -> provider(Optional.empty()).generateJson(request))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TRUNCATED));
  }

  @Test
  void nonJsonContent_isMalformed() {
    answer(200, LlmWireMock.openAi("Sorry, I can't browse the web, but Suva often has a market on Saturdays.", "stop"));

    assertThatThrownBy(() -> provider(Optional.empty()).generateJson(request))
        .isInstanceOfSatisfying(LlmException.class,
            e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_OUTPUT));
  }

  @Test
  void jsonFollowedByChatter_isMalformed() {
    answer(200, LlmWireMock.openAi(LlmWireMock.EVENTS_JSON + "\nHope this helps!", "stop"));

    assertThatThrownBy(() -> provider(Optional.empty()).generateJson(request))
        .isInstanceOfSatisfying(LlmException.class,
            e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_OUTPUT));
  }

  @Test
  void jsonInAMarkdownFence_fromServersWithoutSchemaSupport_isAccepted() {
    answer(200, LlmWireMock.openAi("```json\n" + LlmWireMock.EVENTS_JSON + "\n```", "stop"));

    assertThat(provider(Optional.empty()).generateJson(request).json().path("items").size()).isEqualTo(1);
  }

  @Test
  void missingRequiredTopLevelMember_isMalformed() {
    answer(200, LlmWireMock.openAi("{\"events\":[]}", "stop"));

    assertThatThrownBy(() -> provider(Optional.empty()).generateJson(request))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.getMessage()).contains("'items'"));
  }

  @Test
  void refusal_isBlocked() {
    answer(200, """
        {"id":"chatcmpl-1","object":"chat.completion","created":1741570283,"model":"gpt-4o-2024-08-06",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,
           "refusal":"I'm sorry, I can't help with that."},"finish_reason":"stop"}]}
        """);

    assertThatThrownBy(() -> provider(Optional.empty()).generateJson(request))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.BLOCKED));
  }

  @Test
  void rateLimitThenSuccess_isRetriedOnce() {
    wm.stubFor(post(urlEqualTo(PATH)).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody(
            "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"))
        .willSetStateTo("ok"));
    wm.stubFor(post(urlEqualTo(PATH)).inScenario("r").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody(LlmWireMock.openAi(LlmWireMock.EVENTS_JSON, "stop"))));

    assertThat(provider(Optional.empty()).generateJson(request).json().has("items")).isTrue();
    wm.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void unknownModel_isRejected_once() {
    answer(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist\",\"type\":\"invalid_request_error\","
        + "\"code\":\"model_not_found\"}}");

    assertThatThrownBy(() -> provider(Optional.empty()).generateJson(request))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.REJECTED));
    wm.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void connectionDroppedTwice_isUnavailable() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    assertThatThrownBy(() -> provider(Optional.empty()).generateJson(request))
        .isInstanceOfSatisfying(LlmException.class,
            e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.UNAVAILABLE));
    wm.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }
}
