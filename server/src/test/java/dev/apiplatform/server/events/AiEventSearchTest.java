package dev.apiplatform.server.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.geo.GeoPoint;
import dev.apiplatform.server.geo.OfflineGeocoder;
import dev.apiplatform.server.llm.LlmException;
import dev.apiplatform.server.llm.LlmProviders;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** search-ai against a WireMock Gemini: items validated (invalid dropped), bad model output refused. */
class AiEventSearchTest {

  static final String PATH = "/v1beta/models/gemini-2.5-flash:generateContent";
  static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  static OfflineGeocoder geocoder;
  AiEventSearch search;

  @BeforeAll
  static void start() {
    geocoder = new OfflineGeocoder();
  }

  @BeforeEach
  void setUp() {
    search = new AiEventSearch(LlmProviders.fromEnvironment(Map.of("GEMINI_API_KEY", "AIza-test-key",
        "GEMINI_BASE_URL", wm.baseUrl() + "/v1beta")), geocoder);
  }

  static String gemini(String text, String finish) throws Exception {
    return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + JSON.writeValueAsString(text)
        + "}],\"role\":\"model\"},\"finishReason\":\"" + finish + "\",\"index\":0}],"
        + "\"usageMetadata\":{\"promptTokenCount\":212,\"candidatesTokenCount\":96,\"totalTokenCount\":308},"
        + "\"modelVersion\":\"gemini-2.5-flash\"}";
  }

  void answer(String body) {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body)));
  }

  List<ObjectNode> run() {
    return search.search(Optional.of(new GeoPoint(34.0754, -84.2941)), new AiEventSearch.Place(null, null, null),
        LocalDate.parse("2025-10-02"), LocalDate.parse("2025-10-05"), ZoneId.of("America/New_York"), 5, true, false);
  }

  @Test
  void validItemsAreKept_invalidOnesDropped_andThePromptNamesTheReverseGeocodedCity() throws Exception {
    answer(gemini("{\"events\":["
        + "{\"title\":\"Downtown Art Walk\",\"start_date\":\"2025-10-02\",\"start_time\":\"18:00\","
        + "\"timezone\":\"America/New_York\",\"source_url\":\"https://example.com/events/art-walk\","
        + "\"location\":{\"venue\":\"Town Square\",\"city\":\"Alpharetta\"},\"tags\":[\"arts\",\"community\"]},"
        + "{\"title\":\"No source\",\"start_date\":\"2025-10-03\",\"timezone\":\"America/New_York\"},"
        + "{\"title\":\"Bad date\",\"start_date\":\"Oct 3\",\"timezone\":\"America/New_York\","
        + "\"source_url\":\"https://example.com/x\"},"
        + "{\"title\":\"Bad zone\",\"start_date\":\"2025-10-03\",\"timezone\":\"Mars/Olympus\","
        + "\"source_url\":\"https://example.com/y\"},"
        + "{\"title\":\"Not a URL\",\"start_date\":\"2025-10-03\",\"timezone\":\"UTC\",\"source_url\":\"javascript:1\"}"
        + "]}", "STOP"));
    List<ObjectNode> items = run();
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("title").asText()).isEqualTo("Downtown Art Walk");
    assertThat(items.get(0).path("start_time").asText()).isEqualTo("18:00");
    wm.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("Alpharetta")));
  }

  @Test
  void proseInsteadOfJson_is502Malformed() throws Exception {
    answer(gemini("Here are some events you might enjoy: the Downtown Art Walk on Thursday!", "STOP"));
    assertThatThrownBy(this::run).isInstanceOfSatisfying(LlmException.class,
        e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_OUTPUT));
  }

  @Test
  void truncatedOutput_isRefused() throws Exception {
    answer(gemini("{\"events\":[{\"title\":\"Downtown Art W", "MAX_TOKENS"));
    assertThatThrownBy(this::run).isInstanceOfSatisfying(LlmException.class,
        e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TRUNCATED));
  }

  @Test
  void anEmptyList_isNoEvents_andAReversedRangeIs400() throws Exception {
    answer(gemini("{\"events\":[]}", "STOP"));
    assertThat(run()).isEmpty();
    assertThatThrownBy(() -> search.search(Optional.empty(), new AiEventSearch.Place("Alpharetta", "GA", "USA"),
        LocalDate.parse("2025-10-05"), LocalDate.parse("2025-10-02"), ZoneId.of("UTC"), 5, true, false))
        .isInstanceOf(InvalidField.class);
  }

  @Test
  void unconfigured_is503NamingTheSetting() {
    AiEventSearch none = new AiEventSearch(LlmProviders.fromEnvironment(Map.of()), geocoder);
    assertThatThrownBy(() -> none.search(Optional.empty(), new AiEventSearch.Place("Alpharetta", "GA", "USA"),
        LocalDate.parse("2025-10-02"), LocalDate.parse("2025-10-03"), ZoneId.of("UTC"), 5, true, false))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.toProblem().toString() + e.getMessage()).contains("GEMINI_API_KEY");
        });
  }
}
