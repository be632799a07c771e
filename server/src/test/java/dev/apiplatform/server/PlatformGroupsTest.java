package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.server.http.edge.RawHttp;
import dev.apiplatform.server.profile.ProfileGroup;
import dev.apiplatform.server.system.SystemGroup;
import dev.apiplatform.server.testing.EmbeddedPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A platform started with a subset of its groups, the way a group's own tests start it. The
 * keep-alive test runs last: the server closes the shared client's pooled connection after 1 s
 * idle, and a request of a later test could be sent on it just as it closes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformGroupsTest {

  private static final HttpClient CLIENT = EmbeddedPlatform.HTTP;
  @RegisterExtension
  static final EmbeddedPlatform stores = new EmbeddedPlatform();
  private static Platform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = stores.platform(Map.of("KEEP_ALIVE_IDLE_SECONDS", "1"), List.of(new SystemGroup(), new ProfileGroup()));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(platform.baseUri() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theStartedGroups_serveTheirOperations_withThePlatformWideFilters() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(200);
    HttpResponse<String> profile = get("/user/profile");
    assertThat(profile.statusCode()).isEqualTo(401);
    assertThat(profile.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void groupsNotStarted_areNotServed() throws Exception {
    HttpResponse<String> items = get("/items");
    assertThat(items.statusCode()).isEqualTo(404);
    assertThat(items.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void keepAliveIdleSeconds_closesAnIdleConnection() throws Exception {
    try (RawHttp http = new RawHttp(platform.baseUri().getPort())) {
      http.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(http.read(false).status()).isEqualTo(200);
      long answered = System.nanoTime();
      assertThat(http.closedWithin(Duration.ofSeconds(10))).as("closed by the server after 1 s idle").isTrue();
      // Grizzly checks idle connections once a second: closed after 1 to about 2 s, not at once
      assertThat(Duration.ofNanos(System.nanoTime() - answered)).isGreaterThan(Duration.ofMillis(900));
    }
  }
}
