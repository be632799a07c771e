package dev.apiplatform.server.insights;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.apiplatform.server.pat.PatGroup;
import dev.apiplatform.server.testing.ClarityPlatform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The insights group over HTTP with Gemini configured (WireMock): the cache by input hash (one
 * model call for two identical requests), stored PAT analyses as inputs, owner-only reads, the
 * history's access rule and cursor, and malformed model output as a 502 problem.
 */
class InsightsFlowTest {

  @TempDir static Path dir;
  static WireMockServer gemini;
  static ClarityPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    gemini = new WireMockServer(wireMockConfig().dynamicPort());
    gemini.start();
    platform = ClarityPlatform.start(dir, Map.of("GEMINI_API_KEY", "test-key", "GEMINI_BASE_URL",
        gemini.baseUrl() + "/v1beta"), List.of(new PatGroup(), new InsightsGroup()));
  }

  @AfterAll
  static void stop() {
    if (platform != null) platform.close();
    if (gemini != null) gemini.stop();
  }

  @BeforeEach
  void goodModel() throws Exception {
    gemini.resetAll();
    answer(LlmInsightsTest.GOOD);
  }

  static void answer(String text) throws Exception {
    gemini.stubFor(post(urlEqualTo(LlmInsightsTest.GEMINI)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody(LlmInsightsTest.gemini(text))));
  }

  static Map<String, Object> sleep(double minutes) {
    return Map.of("analysis_results", Map.of("total_sleep_minutes", minutes, "sleep_efficiency", 0.8));
  }

  @Test
  void sameInputs_answerTheSameInsight_withOneModelCall() throws Exception {
    var ada = platform.signUp();
    var first = platform.call("POST", "/api/v1/insights/generate", ada.token(), sleep(361));
    assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
    JsonNode data = first.body().path("data");
    assertThat(data.path("generated_by").asText()).isEqualTo("llm");
    assertThat(data.path("generator").asText()).isEqualTo("gemini:gemini-2.5-flash");
    assertThat(data.path("disclaimer").asText()).contains("not medical advice");
    assertThat(first.body().path("metadata").path("service").asText()).isEqualTo("insights");
    var again = platform.call("POST", "/api/v1/insights/generate", ada.token(), sleep(361));
    assertThat(again.body().path("data").path("insight_id").asText()).isEqualTo(data.path("insight_id").asText());
    gemini.verify(1, postRequestedFor(urlEqualTo(LlmInsightsTest.GEMINI)));
    platform.call("POST", "/api/v1/insights/generate", ada.token(), sleep(362));
    gemini.verify(2, postRequestedFor(urlEqualTo(LlmInsightsTest.GEMINI)));
  }

  @Test
  void anInsight_isReadableByItsOwnerOnly() throws Exception {
    var ada = platform.signUp();
    var bob = platform.signUp();
    String id = platform.call("POST", "/api/v1/insights/generate", ada.token(), sleep(400)).body().path("data")
        .path("insight_id").asText();
    var mine = platform.call("GET", "/api/v1/insights/" + id, ada.token(), null);
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.body().path("data").path("user_id").asText()).isEqualTo(ada.userId());
    assertThat(platform.call("GET", "/api/v1/insights/" + id, bob.token(), null).status()).isEqualTo(404);
    assertThat(platform.call("GET", "/api/v1/insights/not-an-id", ada.token(), null).status()).isEqualTo(400);
  }

  @Test
  void storedPatAnalyses_areInputs_butOnlyTheCallersOwn() throws Exception {
    var ada = platform.signUp();
    var bob = platform.signUp();
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < 1440; i++) {
      points.add(Map.of("timestamp", java.time.Instant.parse("2025-06-16T00:00:00Z").plusSeconds(60L * i).toString(),
          "value", i >= 420 && i < 1380 ? 200 : 0));
    }
    var analysis = platform.call("POST", "/api/v1/pat/analyze", ada.token(), Map.of("data_points", points));
    assertThat(analysis.status()).as(analysis.body().toString()).isEqualTo(200);
    String processingId = analysis.body().path("data").path("processing_id").asText();
    var insight = platform.call("POST", "/api/v1/insights/generate", ada.token(),
        Map.of("analysis_ids", List.of(processingId), "insight_type", "circadian"));
    assertThat(insight.status()).as(insight.body().toString()).isEqualTo(200);
    assertThat(insight.body().path("data").path("analysis_ids").get(0).asText()).isEqualTo(processingId);
    assertThat(gemini.getAllServeEvents().get(0).getRequest().getBodyAsString()).contains("interdaily_stability");
    var theirs = platform.call("POST", "/api/v1/insights/generate", bob.token(), Map.of("analysis_ids", List.of(processingId)));
    assertThat(theirs.status()).isEqualTo(404);
    assertThat(platform.call("POST", "/api/v1/insights/generate", ada.token(), Map.of()).status()).isEqualTo(400);
  }

  @Test
  void history_isTheOwnersNewestFirst_pagedByCursor_andForbiddenToOtherPatients() throws Exception {
    var ada = platform.signUp();
    var bob = platform.signUp();
    for (int m = 300; m < 303; m++) platform.call("POST", "/api/v1/insights/generate", ada.token(), sleep(m));
    var page1 = platform.call("GET", "/api/v1/insights/history/" + ada.userId() + "?limit=2", ada.token(), null);
    assertThat(page1.status()).isEqualTo(200);
    assertThat(page1.body().path("data").size()).isEqualTo(2);
    assertThat(page1.body().path("pagination").path("has_next").asBoolean()).isTrue();
    String cursor = page1.body().path("pagination").path("next_cursor").asText();
    var page2 = platform.call("GET", "/api/v1/insights/history/" + ada.userId() + "?limit=2&cursor=" + cursor,
        ada.token(), null);
    assertThat(page2.body().path("data").size()).isEqualTo(1);
    assertThat(page2.body().path("pagination").path("has_next").asBoolean()).isFalse();
    assertThat(platform.call("GET", "/api/v1/insights/history/" + ada.userId(), bob.token(), null).status())
        .isEqualTo(403);
    assertThat(platform.call("GET", "/api/v1/insights/history/" + ada.userId() + "?cursor=bm90LWEtY3Vyc29y",
        ada.token(), null).status()).isEqualTo(400);
  }

  @Test
  void malformedModelOutput_twice_is502Problem_andNothingIsCached() throws Exception {
    gemini.resetAll();
    answer("{\"narrative\":\"half");
    var ada = platform.signUp();
    var failed = platform.call("POST", "/api/v1/insights/generate", ada.token(), sleep(333));
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/problem+json"));
    assertThat(failed.body().path("type").asText()).isEqualTo("/problems/llm-failed");
    gemini.verify(2, postRequestedFor(urlEqualTo(LlmInsightsTest.GEMINI)));
    gemini.resetAll();
    answer(LlmInsightsTest.GOOD);
    assertThat(platform.call("POST", "/api/v1/insights/generate", ada.token(), sleep(333)).status()).isEqualTo(200);
  }

  @Test
  void status_namesTheModelGenerator() throws Exception {
    var ada = platform.signUp();
    var status = platform.call("GET", "/api/v1/insights/status", ada.token(), null);
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.body().path("data").path("generated_by").asText()).isEqualTo("llm");
    assertThat(platform.call("GET", "/api/v1/insights/status", null, null).status()).isEqualTo(401);
  }
}
