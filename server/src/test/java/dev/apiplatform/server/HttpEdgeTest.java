package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.DocsResource;
import dev.apiplatform.server.http.EchoTestResource;
import dev.apiplatform.server.http.edge.EdgeServer;
import dev.apiplatform.server.http.edge.EdgeSettings;
import dev.apiplatform.server.http.edge.RawHttp;
import dev.apiplatform.server.http.edge.RawHttp.Response;
import dev.apiplatform.server.system.HealthService;
import dev.apiplatform.server.system.SystemResource;
import dev.apiplatform.server.testing.CapturedLogs;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.glassfish.grizzly.http.server.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP edge over raw sockets: requests no well-behaved client sends (malformed heads,
 * smuggling shapes, slow and aborted bodies) get a problem document with a request id, the
 * connection closed where the framing cannot be trusted, and never an HTML page, a 500 or a hang.
 */
class HttpEdgeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BODY = 1024 * 1024;
  private static HttpServer server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    server = startServer(EdgeSettings.defaults(MAX_BODY).withBodyTimeouts(Duration.ofSeconds(2), 1, Duration.ofMinutes(5)));
    port = server.getListeners().iterator().next().getPort();
  }

  static HttpServer startServer(EdgeSettings settings) throws Exception {
    AppConfig config = AppConfig.from(Map.of("MAX_BODY_BYTES", String.valueOf(MAX_BODY), "PORT", "0"));
    Contract contract = HttpLayerTest.systemGroupOnly(Contract.load());
    HealthService health = new HealthService(List.of(), Executors.newFixedThreadPool(1), Duration.ofSeconds(1));
    var app = PlatformApplication.of(config, contract, contract.tags(), List.of(new SystemResource(contract, health, "test")),
        List.of(new DocsResource("0", contract.title()), new EchoTestResource()));
    HttpServer s = EdgeServer.create(URI.create("http://127.0.0.1:0/"), app, settings);
    s.start();
    return s;
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  /** A problem the edge answered: its error id is the request id. */
  private static JsonNode problem(Response r, int status) throws Exception {
    JsonNode body = anyProblem(r, status);
    assertThat(body.path("error_id").asText()).isEqualTo(r.header("X-Request-ID"));
    return body;
  }

  /** A problem from the edge or from Jersey's mappers (which carry the id only as a header). */
  private static JsonNode anyProblem(Response r, int status) throws Exception {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.header("X-Request-ID")).isNotBlank();
    // the security headers on every answer, the edge's own included
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    assertThat(r.body()).doesNotContain("<html", "java.", "Exception", "grizzly");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("type").asText()).startsWith("/problems/");
    return body;
  }

  private static String get(String target, String... headers) {
    return "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + String.join("", headers) + "\r\n";
  }

  @Test
  void badPercentEncoding_isProblem400_loggedUnderItsRequestId() throws Exception {
    try (CapturedLogs access = CapturedLogs.of("access", Level.INFO)) {
      Response r = RawHttp.exchange(port, get("/healthz?x=%zz"));
      problem(r, 400);
      assertThat(access.events()).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(r.header("X-Request-ID")));
      assertThat(r.header("Strict-Transport-Security")).isNull(); // dev: plain HTTP on loopback
    }
  }

  @Test
  void edgeAnswers_carryHsts_outsideDev() throws Exception {
    HttpServer strict = startServer(EdgeSettings.defaults(MAX_BODY).withStrictTransport(true));
    try {
      Response r = RawHttp.exchange(strict.getListeners().iterator().next().getPort(), get("/healthz?x=%zz"));
      problem(r, 400);
      assertThat(r.header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
    } finally {
      strict.shutdownNow();
    }
  }

  /**
   * The idle limit counts from the last answer, not from the connect: a connection used every
   * second outlives a 2 s limit, then closes once idle for it.
   */
  @Test
  void keepAliveIdle_closesAConnectionOnlyAfterThatLongWithoutARequest() throws Exception {
    HttpServer idle = startServer(EdgeSettings.defaults(MAX_BODY).withKeepAliveIdle(Duration.ofSeconds(2)));
    int idlePort = idle.getListeners().iterator().next().getPort();
    try (RawHttp silent = new RawHttp(idlePort); RawHttp halfAHead = new RawHttp(idlePort);
         RawHttp http = new RawHttp(idlePort)) {
      halfAHead.send("GET /healthz HTTP/1.1\r\nHost: x\r\n");
      for (int i = 0; i < 4; i++) {
        http.send(get("/healthz"));
        Response r = http.read(false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Connection")).as("kept alive").isNotEqualTo("close");
        Thread.sleep(1000);
      }
      long idleSince = System.nanoTime() - Duration.ofSeconds(1).toNanos();
      assertThat(http.closedWithin(Duration.ofSeconds(10))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - idleSince)).isGreaterThan(Duration.ofMillis(1900));
      // the same limit ends a connection that never sent a request, or stopped inside its head
      assertThat(silent.closedWithin(Duration.ofSeconds(1))).as("silent since the connect, 4 s ago").isTrue();
      assertThat(halfAHead.closedWithin(Duration.ofSeconds(1))).as("half a head").isTrue();
    } finally {
      idle.shutdownNow();
    }
  }

  /**
   * An h2c upgrade (what the JDK's HTTP client adds to every cleartext request unless told
   * HTTP/1.1) is ignored and the request served as HTTP/1.1 at once, body and keep-alive
   * included; Grizzly treated it as an upgraded stream and answered 408 after the body timeout.
   */
  @Test
  void h2cUpgrade_isIgnored_andTheRequestServedAsHttp11() throws Exception {
    String h2c = "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n";
    try (RawHttp http = new RawHttp(port)) {
      http.send(get("/healthz", h2c));
      Response first = http.read(false);
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.header("Upgrade")).isNull();
      String body = "{\"item_name\":\"kite\",\"quantity\":2}";
      http.send("POST /test/things HTTP/1.1\r\nHost: x\r\n" + h2c + "Content-Type: application/json\r\nContent-Length: "
          + body.length() + "\r\n\r\n" + body);
      Response echoed = http.read(false);
      assertThat(echoed.status()).as("the second request on the same connection, with a body").isEqualTo(200);
      assertThat(JSON.readTree(echoed.body()).path("item_name").asText()).isEqualTo("kite");
    }
    java.net.http.HttpResponse<String> jdk = java.net.http.HttpClient.newHttpClient().send( // HTTP/2 preferred: h2c
        java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
            .timeout(Duration.ofSeconds(3)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(jdk.statusCode()).isEqualTo(200);
  }

  /** A WebSocket upgrade that nothing takes (no channel at the path) is a 400 at once, then closed. */
  @Test
  void websocketUpgrade_thatNoChannelTakes_isProblem400AtOnce() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.send(get("/healthz", "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"));
      Response r = http.read(true);
      assertThat(problem(r, 400).path("detail").asText()).contains("WebSocket");
      assertThat(r.closedAfter()).isTrue();
    }
  }

  @Test
  void garbageRequestLine_isProblem400() throws Exception {
    problem(RawHttp.exchange(port, "HELLO THERE\r\n\r\n"), 400);
  }

  @Test
  void headOver16KiB_isProblem431() throws Exception {
    problem(RawHttp.exchange(port, get("/healthz", "X-Big: " + "a".repeat(17 * 1024) + "\r\n")), 431);
  }

  @Test
  void urlOver8KiB_isProblem414() throws Exception {
    problem(RawHttp.exchange(port, get("/healthz?q=" + "a".repeat(9 * 1024))), 414);
  }

  @Test
  void requestLineOverTheWholeHeadLimit_isProblem414() throws Exception {
    problem(RawHttp.exchange(port, get("/healthz?q=" + "a".repeat(20 * 1024))), 414);
  }

  @Test
  void missingHost_isProblem400() throws Exception {
    problem(RawHttp.exchange(port, "GET /healthz HTTP/1.1\r\n\r\n"), 400);
  }

  @Test
  void badContentLength_isProblem400() throws Exception {
    problem(RawHttp.exchange(port, "POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 12abc\r\n\r\n{}"), 400);
  }

  @Test
  void badChunkSize_isProblem400() throws Exception {
    problem(RawHttp.exchange(port, "POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"), 400);
  }

  @Test
  void emptyContentType_isProblem400() throws Exception {
    problem(RawHttp.exchange(port, "POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: \r\n"
        + "Content-Length: 2\r\n\r\n{}"), 400);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n",
      "Transfer-Encoding: xchunked\r\nContent-Length: 2\r\n",
      "Transfer-Encoding: xchunked\r\n",
      "Transfer-Encoding: identity, chunked\r\n",
      "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n",
      "Transfer-Encoding : chunked\r\nContent-Length: 2\r\n",
      "Content-Length: 2\r\nContent-Length: 2\r\n",
      "Host: y\r\nContent-Length: 2\r\n"})
  void smugglingShapes_areRejected400AndTheConnectionClosed(String framing) throws Exception {
    Response r = RawHttp.exchange(port, "POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + framing + "\r\n2\r\n{}\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    problem(r, 400);
    assertThat(r.closedAfter()).as("connection closed after the rejection").isTrue();
  }

  @Test
  void chunkedBodyOverTheLimit_is413NotA400() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.send("POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n");
      String chunk = Integer.toHexString(64 * 1024) + "\r\n" + " ".repeat(64 * 1024) + "\r\n";
      for (int i = 0; i < 32; i++) http.send(chunk); // 2 MiB
      http.send("0\r\n\r\n");
      problem(http.read(false), 413);
    }
  }

  @Test
  void declaredLengthOverTheLimit_is413AtOnce() throws Exception {
    problem(RawHttp.exchange(port, "POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + (MAX_BODY + 1) + "\r\n\r\n{"), 413);
  }

  @Test
  void stalledBody_is408Problem() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.send("POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{");
      Response r = http.read(true);
      problem(r, 408);
      assertThat(r.closedAfter()).isTrue();
    }
  }

  @Test
  void bodyBelowTheMinimumRate_is408Problem() throws Exception {
    HttpServer strict = startServer(EdgeSettings.defaults(MAX_BODY).withBodyTimeouts(Duration.ofSeconds(30), 1000,
        Duration.ofMillis(500)));
    try (RawHttp http = new RawHttp(strict.getListeners().iterator().next().getPort())) {
      http.send("POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n");
      Thread dripper = new Thread(() -> {
        for (int i = 0; i < 100 && !Thread.currentThread().isInterrupted(); i++) {
          http.send(" ");
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      dripper.start();
      problem(http.read(false), 408);
      dripper.interrupt();
    } finally {
      strict.shutdownNow();
    }
  }

  @Test
  void bodiesInFlightOverTheCap_are503WithRetryAfter_andOthersStillServed() throws Exception {
    HttpServer capped = startServer(new EdgeSettings(16 * 1024, 8 * 1024, MAX_BODY, Duration.ofSeconds(30), 1,
        Duration.ofMinutes(5), 2));
    int cappedPort = capped.getListeners().iterator().next().getPort();
    String slowHead = "POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{";
    try (RawHttp first = new RawHttp(cappedPort).send(slowHead); RawHttp second = new RawHttp(cappedPort).send(slowHead)) {
      Thread.sleep(300);
      try (RawHttp third = new RawHttp(cappedPort).send(slowHead)) {
        Response r = third.read(true);
        problem(r, 503);
        assertThat(r.header("Retry-After")).isEqualTo("1");
      }
      assertThat(RawHttp.exchange(cappedPort, get("/healthz", "Connection: close\r\n")).status()).isEqualTo(200);
    } finally {
      capped.shutdownNow();
    }
  }

  @Test
  void expectContinue_getsA100BeforeTheBodyIsSent() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.send("POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n"
          + "Expect: 100-continue\r\n\r\n");
      assertThat(http.readHead()).startsWith("HTTP/1.1 100");
      http.send("{\"item_name\":\"abc\"}\n");
      assertThat(http.read(false).status()).isEqualTo(200);
    }
  }

  @Test
  void manySlowBodiesOpen_healthzStillAnswers() throws Exception {
    int slow = 64; // many more than Grizzly's worker threads
    List<RawHttp> clients = new ArrayList<>();
    try {
      for (int i = 0; i < slow; i++) {
        clients.add(new RawHttp(port).send("POST /test/things HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"));
      }
      Thread.sleep(300); // the bodies are all in progress now
      for (int i = 0; i < 5; i++) {
        Response r = RawHttp.exchange(port, get("/healthz", "Connection: close\r\n"));
        assertThat(r.status()).isEqualTo(200);
      }
    } finally {
      for (RawHttp c : clients) c.close();
    }
  }

  @Test
  void clientLeavingMidBody_isLoggedAsAbortNotAsServerError() throws Exception {
    try (CapturedLogs edge = CapturedLogs.of("dev.apiplatform.server.http.edge", Level.INFO);
        CapturedLogs errors = CapturedLogs.of("dev.apiplatform.server.error", Level.INFO)) {
      try (RawHttp http = new RawHttp(port)) {
        http.send("POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"it");
        Thread.sleep(200);
      }
      for (int i = 0; i < 50 && edge.messages().stream().noneMatch(m -> m.contains("aborted")); i++) {
        Thread.sleep(100);
      }
      assertThat(edge.events()).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("Client aborted mid-body"));
      assertThat(errors.events()).noneSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.ERROR));
    }
  }

  @Test
  void wellFormedRequestsStillServedOnAKeptAliveConnection() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.send("POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n13\r\n{\"item_name\":\"abc\"}\r\n0\r\n\r\n");
      Response first = http.read(false);
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body()).contains("abc");
      http.send(get("/healthz"));
      assertThat(http.read(false).status()).isEqualTo(200);
    }
  }

  /** Bodies Jackson would accept by default but the contract does not mean: all 400, none stored. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "duplicate key|{\"item_name\":\"a\",\"item_name\":\"b\"}",
      "escaped NUL|{\"item_name\":\"a\\u0000\"}",
      "lone high surrogate|{\"item_name\":\"a\\ud800\"}",
      "lone low surrogate|{\"item_name\":\"\\udc00b\"}",
      "explicit null for an optional field|{\"item_name\":\"a\",\"quantity\":null}",
      "number for a string|{\"item_name\":12}",
      "boolean for a string|{\"item_name\":true}",
      "tiny float for an integer|{\"item_name\":\"a\",\"quantity\":2.5e-42}",
      "empty string for an integer|{\"item_name\":\"a\",\"quantity\":\"\"}",
      "fraction for an integer|{\"item_name\":\"a\",\"quantity\":2.5}",
      "exponent float for an integer (Schemathesis ST201, events_create endTime)|{\"item_name\":\"a\",\"quantity\":9.99e0}"})
  void lenientJson_is400(String named) throws Exception {
    String body = named.substring(named.indexOf('|') + 1);
    anyProblem(postThings(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 400);
  }

  @Test
  void overlongUtf8_is400NotDecodedAsSlash() throws Exception {
    byte[] body = {'{', '"', 'i', 't', 'e', 'm', '_', 'n', 'a', 'm', 'e', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    anyProblem(postThings(body), 400);
  }

  @Test
  void utf16Body_is400() throws Exception {
    anyProblem(postThings("{\"item_name\":\"abc\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE)), 400);
    anyProblem(postThings("{\"item_name\":\"abc\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16)), 400);
  }

  @Test
  void pairedSurrogatesAndPlainUnicode_areAccepted() throws Exception {
    Response r = postThings("{\"item_name\":\"\uD83D\uDE00é\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(200);
  }

  private static Response postThings(byte[] body) throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.send("POST /test/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\nConnection: close\r\n\r\n");
      http.send(body);
      return http.read(false);
    }
  }
}
