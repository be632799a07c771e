package dev.apiplatform.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refresh on 401 and before exp, single flight, and the end of a session, against WireMock. */
class SessionRefreshTest {

  private static final String UNAUTHORIZED = "{\"type\":\"/problems/unauthorized\",\"title\":\"Authentication required\",\"status\":401}";
  private static final long NOW = 1_800_000_000L;

  private WireMockServer server;
  private final AtomicLong clock = new AtomicLong(NOW);
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private PlatformClient client;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().containerThreads(40));
    server.start();
    client = PlatformClient.builder("http://127.0.0.1:" + server.port()).tokenStore(store)
        .clock(clock::get).build();
    // any protected call: 204 for the new token, 401 for anything else
    server.stubFor(delete(urlMatching("/api/v1/echoes/.*")).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer new-access"))
        .willReturn(aResponse().withStatus(204)));
    server.stubFor(delete(urlMatching("/api/v1/echoes/.*")).atPriority(2)
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json").withBody(UNAUTHORIZED)));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private void refreshAnswers(String newAccess, int delayMs) {
    server.stubFor(post(urlEqualTo("/auth/refresh")).withRequestBody(equalToJson("{\"refresh_token\":\"old-refresh\"}"))
        .willReturn(aResponse().withStatus(200).withFixedDelay(delayMs).withHeader("Content-Type", "application/json")
            .withBody("{\"access_token\":\"" + newAccess + "\",\"id_token\":\"id\",\"refresh_token\":\"new-refresh\","
                + "\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
  }

  @Test
  void twentyParallelCallsHitting401_makeExactlyOneRefresh_andAllSucceed() throws Exception {
    store.save(new Tokens("old-access", "old-refresh", null, NOW + 3600));
    refreshAnswers("new-access", 300); // slow, so that all 20 queue behind it

    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Void>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        final String id = "e" + i;
        calls.add(pool.submit((Callable<Void>) () -> {
          go.await();
          client.echoes().echoesDelete(id);
          return null;
        }));
      }
      go.countDown();
      for (Future<Void> call : calls) {
        call.get();
      }
    } finally {
      pool.shutdownNow();
    }

    server.verify(1, postRequestedFor(urlEqualTo("/auth/refresh")));
    server.verify(20, deleteRequestedFor(urlMatching("/api/v1/echoes/.*")).withHeader("Authorization", equalTo("Bearer new-access")));
    assertThat(store.load().refreshToken()).isEqualTo("new-refresh");
    assertThat(client.session().refreshCount()).isEqualTo(1);
  }

  @Test
  void aTokenCloseToExp_isRefreshedBeforeTheCall() throws Exception {
    store.save(new Tokens("old-access", "old-refresh", null, NOW + 30)); // within the 60 s margin
    refreshAnswers("new-access", 0);

    client.echoes().echoesDelete("e1");

    server.verify(1, postRequestedFor(urlEqualTo("/auth/refresh")));
    server.verify(0, deleteRequestedFor(urlMatching("/api/v1/echoes/.*")).withHeader("Authorization", equalTo("Bearer old-access")));
  }

  @Test
  void aRefusedRefresh_endsTheSession_clearsTheStore_andLaterCallsGoWithoutToken() {
    java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
    client.session().onSessionEnded(ended::incrementAndGet);
    store.save(new Tokens("old-access", "old-refresh", null, NOW + 3600));
    server.stubFor(post(urlEqualTo("/auth/refresh")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/problem+json")
        .withBody("{\"type\":\"/problems/invalid-refresh-token\",\"title\":\"Invalid refresh token\",\"status\":401,"
            + "\"detail\":\"The refresh token was already used\"}")));

    assertThatThrownBy(() -> client.echoes().echoesDelete("e1"))
        .isInstanceOfSatisfying(SessionEndedException.class, e -> {
          assertThat(e.type()).isEqualTo("/problems/invalid-refresh-token");
          assertThat(e.detail()).contains("already used");
        });
    assertThat(client.session().isSignedIn()).isFalse();
    assertThat(ended).hasValue(1);

    assertThatThrownBy(() -> client.echoes().echoesDelete("e2"))
        .isInstanceOf(UnauthorizedProblem.class).isNotInstanceOf(SessionEndedException.class);
    server.verify(1, deleteRequestedFor(urlEqualTo("/api/v1/echoes/e2")).withHeader("Authorization", absent()));
    server.verify(1, postRequestedFor(urlEqualTo("/auth/refresh")));
  }

  @Test
  void publicOperations_neverCarryTheToken() throws Exception {
    store.save(new Tokens("old-access", "old-refresh", null, NOW + 3600));
    server.stubFor(post(urlEqualTo("/auth/start")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"session\":\"s\",\"phone\":\"+919812345678\"}")));

    client.session().startPhoneSignIn("+919812345678");

    server.verify(1, postRequestedFor(urlEqualTo("/auth/start")).withHeader("Authorization", absent()));
  }
}
