package dev.apiplatform.server.strava;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.identity.store.DynamoStravaLinkStore;
import dev.apiplatform.server.identity.store.DynamoUserStore;
import dev.apiplatform.server.identity.store.StravaLink;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.outbound.OutboundHttp;
import dev.apiplatform.server.outbound.OutboundSettings;
import dev.apiplatform.server.storage.StoreTables;
import dev.apiplatform.server.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.apiplatform.server.testing.AtOnce;

/** The token provider on DynamoDB Local and a WireMock Strava: refresh margin, races, 401s, 429s. */
class StravaTokensTest {

  static final java.util.concurrent.atomic.AtomicLong ATHLETES = new java.util.concurrent.atomic.AtomicLong(500);
  static StoreTables tables;
  static WireMockServer strava;
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  final List<Duration> waits = new CopyOnWriteArrayList<>();
  DynamoStravaLinkStore links;
  TokenCipher cipher;
  String userId;

  @BeforeAll
  static void start() {
    tables = StoreTables.start();
    strava = new WireMockServer(wireMockConfig().dynamicPort());
    strava.start();
  }

  @AfterAll
  static void stop() {
    strava.stop();
    tables.close();
  }

  @BeforeEach
  void user() {
    strava.resetAll();
    links = new DynamoStravaLinkStore(tables.dynamo, tables.definitions, clock);
    cipher = TokenCipher.load(Stage.DEV, tables.dir(), Optional.empty());
    userId = UUID.randomUUID().toString();
    new DynamoUserStore(tables.dynamo, tables.definitions, clock).create(User.newUser(userId, clock.instant()));
  }

  /** A separate "server instance": its own client, gate and provider on the same table. */
  StravaTokens instance() {
    StravaSettings settings = new StravaSettings(URI.create(strava.baseUrl()), Optional.of("1"), Optional.of("s"),
        Optional.of(URI.create("https://app.example/cb")), Optional.empty(), Optional.empty(), Optional.empty());
    OutboundHttp http = new OutboundHttp(OutboundSettings.defaults("strava").withBackoff(Duration.ofMillis(1),
        Duration.ofSeconds(5)), waits::add, clock);
    return new StravaTokens(links, client(settings, http), cipher, clock);
  }

  StravaClient client(StravaSettings settings, OutboundHttp http) {
    return new StravaClient(settings, http, new StravaRateGate(clock, waits::add), JacksonConfig.create());
  }

  void connect(Instant expiresAt) {
    long athlete = ATHLETES.incrementAndGet();
    StravaClient.Tokens t = new StravaClient.Tokens("old-access", "old-refresh", expiresAt, athlete, Optional.empty());
    StravaLink sealed = new StravaLink(athlete, List.of("activity:write"), cipher.encrypt("old-access", userId, StravaTokens.ACCESS),
        cipher.encrypt("old-refresh", userId, StravaTokens.REFRESH), t.expiresAt(), clock.instant(), 0);
    links.link(userId, sealed);
  }

  void stubRefresh(String access, String refresh) {
    strava.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("grant_type=refresh_token"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
            "{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh + "\",\"expires_at\":"
                + clock.instant().plusSeconds(6 * 3600).getEpochSecond() + "}")));
  }

  @Test
  void aTokenValidForMoreThanFiveMinutes_isUsedAsIs() {
    connect(clock.instant().plus(Duration.ofMinutes(6)));
    assertThat(instance().accessToken(userId)).isEqualTo("old-access");
    strava.verify(0, postRequestedFor(urlPathEqualTo("/oauth/token")));
  }

  @Test
  void aTokenExpiringWithinFiveMinutes_isRefreshed_andTheNewRefreshTokenReplacesTheOld() {
    connect(clock.instant().plus(Duration.ofMinutes(4)));
    stubRefresh("new-access", "new-refresh");
    assertThat(instance().accessToken(userId)).isEqualTo("new-access");
    StravaLink stored = links.find(userId).orElseThrow();
    assertThat(cipher.decrypt(stored.refreshTokenCipher(), userId, StravaTokens.REFRESH)).isEqualTo("new-refresh");
    assertThat(stored.tokenVersion()).isEqualTo(2);
    strava.verify(postRequestedFor(urlPathEqualTo("/oauth/token")).withRequestBody(containing("refresh_token=old-refresh")));
  }

  @Test
  void concurrentRefreshesOnTwoInstances_convergeOnOneStoredToken() throws Exception {
    connect(clock.instant().plus(Duration.ofMinutes(1)));
    stubRefresh("raced-access", "raced-refresh");
    List<StravaTokens> instances = List.of(instance(), instance(), instance());
    List<String> tokens = AtOnce.values(12, i -> () -> instances.get(i % instances.size()).accessToken(userId));
    assertThat(tokens).containsOnly("raced-access");
    StravaLink stored = links.find(userId).orElseThrow();
    // exactly one refresh was written: every loser read the winner's token instead of writing
    assertThat(stored.tokenVersion()).isEqualTo(2);
    assertThat(cipher.decrypt(stored.accessTokenCipher(), userId, StravaTokens.ACCESS)).isEqualTo("raced-access");
  }

  @Test
  void a401_triggersOneRefresh_andTheCallIsRepeatedWithTheNewToken() {
    connect(clock.instant().plus(Duration.ofHours(1)));
    stubRefresh("after-401", "r2");
    strava.stubFor(get(urlPathEqualTo("/api/v3/activities/9")).inScenario("401").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(401)).willSetStateTo("refreshed"));
    strava.stubFor(get(urlPathEqualTo("/api/v3/activities/9")).inScenario("401").whenScenarioStateIs("refreshed")
        .willReturn(aResponse().withStatus(200).withBody("{\"id\":9}")));
    StravaSettings settings = new StravaSettings(URI.create(strava.baseUrl()), Optional.of("1"), Optional.of("s"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    StravaClient client = client(settings, new OutboundHttp(OutboundSettings.defaults("strava"), waits::add, clock));
    StravaTokens tokens = new StravaTokens(links, client, cipher, clock);
    assertThat(tokens.withToken(userId, t -> client.activity(9, t)).path("id").asLong()).isEqualTo(9);
    strava.verify(getRequestedFor(urlPathEqualTo("/api/v3/activities/9")).withHeader("Authorization",
        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer after-401")));
    strava.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
  }

  @Test
  void a429_isRetriedWithBackoff_andAnExhaustedWindowDelaysTheNextCall() {
    connect(clock.instant().plus(Duration.ofHours(1)));
    strava.stubFor(get(urlPathEqualTo("/api/v3/activities/5")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
    strava.stubFor(get(urlPathEqualTo("/api/v3/activities/5")).inScenario("429").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withHeader("X-RateLimit-Limit", "100,1000")
            .withHeader("X-RateLimit-Usage", "100,300").withBody("{\"id\":5}")));
    StravaSettings settings = new StravaSettings(URI.create(strava.baseUrl()), Optional.of("1"), Optional.of("s"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    StravaClient client = client(settings, new OutboundHttp(OutboundSettings.defaults("strava"), waits::add, clock));
    assertThat(client.activity(5, "t").path("id").asLong()).isEqualTo(5);
    assertThat(waits).containsExactly(Duration.ofSeconds(2)); // Retry-After honoured
    client.activity(5, "t"); // the 15-minute window (10:00-10:15) is used up: wait for it to turn
    assertThat(waits).last().isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void anExhaustedDailyBudget_failsAsUnavailable_insteadOfBlockingForHours() {
    strava.stubFor(get(urlPathEqualTo("/api/v3/activities/6")).willReturn(aResponse().withStatus(200)
        .withHeader("X-RateLimit-Limit", "100,1000").withHeader("X-RateLimit-Usage", "10,1000").withBody("{\"id\":6}")));
    StravaSettings settings = new StravaSettings(URI.create(strava.baseUrl()), Optional.of("1"), Optional.of("s"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    StravaClient client = client(settings, new OutboundHttp(OutboundSettings.defaults("strava"), waits::add, clock));
    client.activity(6, "t");
    assertThatThrownBy(() -> client.activity(6, "t")).isInstanceOf(StravaUnavailable.class);
  }

  @Test
  void aCiphertextOfAnotherUser_doesNotDecrypt() {
    String sealed = cipher.encrypt("secret", "alice", StravaTokens.ACCESS);
    assertThat(sealed).doesNotContain("secret");
    assertThat(cipher.decrypt(sealed, "alice", StravaTokens.ACCESS)).isEqualTo("secret");
    assertThatThrownBy(() -> cipher.decrypt(sealed, "bob", StravaTokens.ACCESS)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cipher.decrypt(sealed, "alice", StravaTokens.REFRESH)).isInstanceOf(IllegalStateException.class);
  }
}
