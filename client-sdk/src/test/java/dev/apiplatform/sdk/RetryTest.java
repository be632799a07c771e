package dev.apiplatform.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.apiplatform.client.model.Liveness;
import dev.apiplatform.client.model.StartRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is retried, when, and how long the SDK waits, and what every call carries: WireMock plays the server. */
class RetryTest {

  private static final String OK = "{\"status\":\"ok\"}";
  private static final String PROBLEM_503 = "{\"type\":\"/problems/unavailable\",\"title\":\"Service Unavailable\",\"status\":503}";
  private static final String PROBLEM_429 = "{\"type\":\"/problems/rate-limited\",\"title\":\"Too many requests\",\"status\":429}";

  private WireMockServer server;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private PlatformClient client;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    RetryPolicy recording = RetryPolicy.defaults().withSleeper(waits::add);
    client = PlatformClient.builder("http://127.0.0.1:" + server.port()).retryPolicy(recording).build();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  /** First answer {@code first}, then 200. */
  private void failOnceThenOk(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first) {
    server.stubFor(get(urlEqualTo(path)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(first).willSetStateTo("recovered"));
    server.stubFor(get(urlEqualTo(path)).inScenario("s").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(OK)));
  }

  @Test
  void get429WithRetryAfter_waitsThatLongThenSucceeds() throws Exception {
    failOnceThenOk("/healthz", aResponse().withStatus(429).withHeader("Retry-After", "2")
        .withHeader("Content-Type", "application/problem+json").withBody(PROBLEM_429));

    assertThat(client.system().systemGetLiveness().getStatus()).isEqualTo(Liveness.StatusEnum.OK);

    server.verify(2, getRequestedFor(urlEqualTo("/healthz")));
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void get503WithoutRetryAfter_backsOffThenSucceeds() throws Exception {
    failOnceThenOk("/healthz", aResponse().withStatus(503)
        .withHeader("Content-Type", "application/problem+json").withBody(PROBLEM_503));

    assertThat(client.system().systemGetLiveness().getStatus()).isEqualTo(Liveness.StatusEnum.OK);

    server.verify(2, getRequestedFor(urlEqualTo("/healthz")));
    assertThat(waits).hasSize(1);
    // first backoff: 200 ms base with up to 50 % jitter off
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void getOnAResetConnection_isRetried() throws Exception {
    failOnceThenOk("/healthz", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThat(client.system().systemGetLiveness().getStatus()).isEqualTo(Liveness.StatusEnum.OK);

    server.verify(2, getRequestedFor(urlEqualTo("/healthz")));
  }

  @Test
  void persistent503_givesUpAfterThreeAttemptsWithATypedProblem() {
    server.stubFor(get(urlEqualTo("/healthz")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")
        .withHeader("Content-Type", "application/problem+json").withBody(PROBLEM_503)));

    assertThatThrownBy(() -> client.system().systemGetLiveness())
        .isInstanceOfSatisfying(UnavailableProblem.class, p -> assertThat(p.retryAfter()).isEqualTo(Duration.ofSeconds(1)));

    server.verify(3, getRequestedFor(urlEqualTo("/healthz")));
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void retryAfterLongerThanTheCap_isHandedToTheCallerAtOnce() {
    server.stubFor(get(urlEqualTo("/healthz")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")
        .withHeader("Content-Type", "application/problem+json").withBody(PROBLEM_429)));

    assertThatThrownBy(() -> client.system().systemGetLiveness())
        .isInstanceOfSatisfying(RateLimitedProblem.class, p -> assertThat(p.retryAfter()).isEqualTo(Duration.ofHours(1)));

    server.verify(1, getRequestedFor(urlEqualTo("/healthz")));
    assertThat(waits).isEmpty();
  }

  @Test
  void postWithoutIdempotencyKey_isNeverRetried() {
    server.stubFor(post(urlEqualTo("/auth/start")).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/problem+json").withBody(PROBLEM_503)));
    server.stubFor(post(urlEqualTo("/auth/logout")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> client.auth().authStart(new StartRequest().phone("+919812345678")))
        .isInstanceOf(UnavailableProblem.class);
    assertThatThrownBy(() -> client.auth().authLogout()).hasRootCauseInstanceOf(java.io.IOException.class);

    server.verify(1, postRequestedFor(urlEqualTo("/auth/start")));
    server.verify(1, postRequestedFor(urlEqualTo("/auth/logout")));
    assertThat(waits).isEmpty();
  }

  @Test
  void postWithIdempotencyKey_isRetriedWithTheSameKey() throws Exception {
    String offer = "{\"offer_id\":\"o1\",\"item_id\":\"i1\",\"buyer_id\":\"b\",\"seller_id\":\"s\",\"amount\":5,"
        + "\"currency\":\"USD\",\"status\":\"ACCEPTED\",\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}";
    server.stubFor(post(urlEqualTo("/offers/o1/accept")).inScenario("p").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
    server.stubFor(post(urlEqualTo("/offers/o1/accept")).inScenario("p").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(offer)));

    assertThat(client.offers().offersAccept("o1", "key-123").getOfferId()).isEqualTo("o1");

    server.verify(2, postRequestedFor(urlEqualTo("/offers/o1/accept"))
        .withHeader("Idempotency-Key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("key-123")));
  }

  @Test
  void responseFieldsAddedLaterByTheServer_doNotBreakAnInstalledApp() throws Exception {
    server.stubFor(get(urlEqualTo("/healthz")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"status\":\"ok\",\"added_later\":{\"x\":1}}")));

    Liveness alive = client.system().systemGetLiveness();

    assertThat(alive.getStatus()).isEqualTo(Liveness.StatusEnum.OK);
    assertThat(alive.getAdditionalProperties()).containsKey("added_later");
  }

  @Test
  void everyCallCarriesItsOwnRequestIdAndTheUserAgent() throws Exception {
    server.stubFor(get(urlEqualTo("/healthz")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(OK)));
    PlatformClient app = PlatformClient.builder("http://127.0.0.1:" + server.port() + "/").userAgent("Offers/2.3").build();

    app.system().systemGetLiveness();
    app.system().systemGetLiveness();

    List<String> ids = server.findAll(getRequestedFor(urlEqualTo("/healthz"))).stream()
        .map(r -> r.getHeader("X-Request-ID")).toList();
    assertThat(ids).hasSize(2).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9._:-]{1,128}"));
    assertThat(server.findAll(getRequestedFor(urlEqualTo("/healthz"))).get(0).getHeader("User-Agent"))
        .isEqualTo("Offers/2.3 platform-sdk-java/" + PlatformClient.VERSION);
  }
}
