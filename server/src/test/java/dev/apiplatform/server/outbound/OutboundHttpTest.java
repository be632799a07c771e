package dev.apiplatform.server.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.apiplatform.server.testing.CapturedLogs;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundHttpTest {

  static WireMockServer wm;
  final List<Duration> waits = new ArrayList<>();
  final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @BeforeAll
  static void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort());
    wm.start();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    waits.clear();
  }

  OutboundHttp http(int attempts, Duration requestTimeout) {
    var settings = new OutboundSettings("test", Duration.ofSeconds(1), requestTimeout, attempts,
        Duration.ofMillis(100), Duration.ofSeconds(10));
    return new OutboundHttp(settings, waits::add, clock);
  }

  URI uri(String path) {
    return URI.create(wm.baseUrl() + path);
  }

  void failTwiceThen(java.util.function.Supplier<com.github.tomakehurst.wiremock.client.MappingBuilder> mapping, int status, String retryAfter) {
    var first = aResponse().withStatus(status);
    if (retryAfter != null) first = first.withHeader("Retry-After", retryAfter);
    wm.stubFor(mapping.get().inScenario("s").whenScenarioStateIs(Scenario.STARTED).willReturn(first).willSetStateTo("2"));
    wm.stubFor(mapping.get().inScenario("s").whenScenarioStateIs("2").willReturn(first).willSetStateTo("3"));
    wm.stubFor(mapping.get().inScenario("s").whenScenarioStateIs("3").willReturn(aResponse().withStatus(200).withBody("ok")));
  }

  @Test
  void get_isRetriedOn503_untilItSucceeds_withBoundedJitteredBackoff() {
    failTwiceThen(() -> get(urlPathEqualTo("/r")), 503, null);

    OutboundResponse r = http(3, Duration.ofSeconds(5)).send(OutboundRequest.get(uri("/r")).build());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("ok");
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
  }

  @Test
  void post_isNotRetriedOn503_whenNotDeclaredSafe() {
    failTwiceThen(() -> post(urlPathEqualTo("/charge")), 503, null);

    OutboundResponse r = http(3, Duration.ofSeconds(5)).send(OutboundRequest.post(uri("/charge")).jsonBody("{}").build());

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.attempts()).isEqualTo(1);
    wm.verify(1, postRequestedFor(urlPathEqualTo("/charge")));
  }

  @Test
  void post_declaredSafe_isRetriedOn429_waitingRetryAfterSeconds() {
    failTwiceThen(() -> post(urlPathEqualTo("/gen")), 429, "3");

    OutboundResponse r = http(3, Duration.ofSeconds(5))
        .send(OutboundRequest.post(uri("/gen")).jsonBody("{}").retrySafe().build());

    assertThat(r.status()).isEqualTo(200);
    assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  @Test
  void retryAfter_asHttpDate_isHonoured() {
    failTwiceThen(() -> get(urlPathEqualTo("/d")), 503, "Tue, 01 Dec 2026 10:00:07 GMT");

    http(3, Duration.ofSeconds(5)).send(OutboundRequest.get(uri("/d")).build());

    assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
  }

  @Test
  void retryAfter_beyondTheBound_returnsTheAnswer_insteadOfStalling() {
    failTwiceThen(() -> get(urlPathEqualTo("/slow")), 429, "3600");

    OutboundResponse r = http(3, Duration.ofSeconds(5)).send(OutboundRequest.get(uri("/slow")).build());

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("retry-after")).contains("3600");
    assertThat(waits).isEmpty();
  }

  @Test
  void persistent5xx_givesUpAfterMaxAttempts_andReturnsTheLastAnswer() {
    wm.stubFor(get(urlPathEqualTo("/down")).willReturn(aResponse().withStatus(502)));

    OutboundResponse r = http(3, Duration.ofSeconds(5)).send(OutboundRequest.get(uri("/down")).build());

    assertThat(r.status()).isEqualTo(502);
    assertThat(r.attempts()).isEqualTo(3);
    wm.verify(3, getRequestedFor(urlPathEqualTo("/down")));
  }

  @Test
  void clientErrors_areNeverRetried() {
    wm.stubFor(get(urlPathEqualTo("/bad")).willReturn(aResponse().withStatus(400)));

    OutboundResponse r = http(3, Duration.ofSeconds(5)).send(OutboundRequest.get(uri("/bad")).build());

    assertThat(r.status()).isEqualTo(400);
    wm.verify(1, getRequestedFor(urlPathEqualTo("/bad")));
  }

  @Test
  void connectRefused_isRetriedEvenForPost_thenFailsTyped() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    var request = OutboundRequest.post(URI.create("http://127.0.0.1:" + closedPort + "/x")).jsonBody("{}").build();

    assertThatThrownBy(() -> http(3, Duration.ofSeconds(5)).send(request))
        .isInstanceOfSatisfying(OutboundException.class, e -> {
          assertThat(e.kind()).isEqualTo(OutboundException.Kind.CONNECT);
          assertThat(e.attempts()).isEqualTo(3);
        });
    assertThat(waits).hasSize(2);
  }

  @Test
  void slowAnswer_timesOut_andPostIsNotRepeated() {
    wm.stubFor(post(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));

    var request = OutboundRequest.post(uri("/slow")).jsonBody("{}").build();
    assertThatThrownBy(() -> http(3, Duration.ofMillis(300)).send(request))
        .isInstanceOfSatisfying(OutboundException.class, e -> {
          assertThat(e.kind()).isEqualTo(OutboundException.Kind.TIMEOUT);
          assertThat(e.attempts()).isEqualTo(1);
        });
  }

  @Test
  void slowAnswer_timesOut_andGetIsRepeated() {
    wm.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));

    assertThatThrownBy(() -> http(2, Duration.ofMillis(300)).send(OutboundRequest.get(uri("/slow")).build()))
        .isInstanceOfSatisfying(OutboundException.class, e -> assertThat(e.attempts()).isEqualTo(2));
  }

  @Test
  void brokenConnection_isTypedIo() {
    wm.stubFor(get(urlPathEqualTo("/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> http(1, Duration.ofSeconds(5)).send(OutboundRequest.get(uri("/reset")).build()))
        .isInstanceOfSatisfying(OutboundException.class,
            e -> assertThat(e.kind()).isEqualTo(OutboundException.Kind.IO));
  }

  @Test
  void requests_goOutAsHttp11_withoutAnH2cUpgrade() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));

    http(1, Duration.ofSeconds(5)).send(OutboundRequest.post(uri("/p")).jsonBody("{\"a\":1}").build());

    wm.verify(anyRequestedFor(anyUrl()).withHeader("Upgrade", absent()));
    assertThat(wm.getAllServeEvents().get(0).getRequest().getProtocol()).isEqualTo("HTTP/1.1");
  }

  @Test
  void secrets_inHeadersQueryAndBody_neverReachTheLogOrTheError() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
    // WARN, the level logback-test.xml leaves it at: the retry lines
    try (CapturedLogs logs = CapturedLogs.of(OutboundHttp.class, Level.WARN)) {
      var request = OutboundRequest.post(uri("/v1/x?key=QUERY-SECRET"))
          .header("Authorization", "Bearer HEADER-SECRET").jsonBody("{\"p\":\"BODY-SECRET\"}").retrySafe().build();
      http(2, Duration.ofSeconds(5)).send(request);

      assertThat(logs.events()).isNotEmpty();
      for (ILoggingEvent e : logs.events()) {
        assertThat(e.getFormattedMessage()).doesNotContain("SECRET").contains("/v1/x");
      }
      assertThat(request.toString()).doesNotContain("SECRET");
    }
  }

  @Test
  void backoff_neverExceedsItsCeiling() {
    var h = new OutboundHttp(new OutboundSettings("t", Duration.ofSeconds(1), Duration.ofSeconds(1), 10,
        Duration.ofMillis(100), Duration.ofMillis(700)));
    for (int i = 0; i < 500; i++) {
      assertThat(h.backoff(1)).isLessThanOrEqualTo(Duration.ofMillis(100));
      assertThat(h.backoff(3)).isLessThanOrEqualTo(Duration.ofMillis(400));
      assertThat(h.backoff(30)).isLessThanOrEqualTo(Duration.ofMillis(700));
    }
  }

  @Test
  void providers_shareOneClientPerConnectTimeout_andKeepTheirOwnConnectTimeout() {
    var strava = OutboundSettings.defaults("strava");
    var llm = new OutboundSettings("llm", Duration.ofSeconds(5), Duration.ofSeconds(30), 2,
        Duration.ofMillis(500), Duration.ofSeconds(10));
    var first = new OutboundHttp(strava).client();
    assertThat(new OutboundHttp(OutboundSettings.defaults("strava-webhooks")).client()).isSameAs(first);
    assertThat(first.connectTimeout()).contains(Duration.ofSeconds(2));
    var other = new OutboundHttp(llm).client();
    assertThat(other).isNotSameAs(first);
    assertThat(other.connectTimeout()).contains(Duration.ofSeconds(5));
    assertThat(other.followRedirects()).isEqualTo(java.net.http.HttpClient.Redirect.NEVER);
    assertThat(other.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
  }

  @Test
  void idleConnections_areBoundedUnlessTheJvmWasGivenALimit() {
    java.util.Properties bare = new java.util.Properties();
    OutboundHttp.boundIdleConnections(bare);
    assertThat(bare.getProperty("jdk.httpclient.keepalive.timeout")).isEqualTo("30");
    java.util.Properties given = new java.util.Properties();
    given.setProperty("jdk.httpclient.keepalive.timeout", "5");
    OutboundHttp.boundIdleConnections(given);
    assertThat(given.getProperty("jdk.httpclient.keepalive.timeout")).isEqualTo("5");
  }
}
