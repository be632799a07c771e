package dev.apiplatform.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.Platform;
import dev.apiplatform.server.account.AccountGroup;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.system.SystemGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A platform on embedded stores and queue for the Clarity Loop tests of issue 13 (insights,
 * WebSocket, test and debug routes), with seed 003's sign-up to get access tokens.
 */
public final class ClarityPlatform implements AutoCloseable {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = EmbeddedPlatform.HTTP;

  public record Res(int status, JsonNode body, HttpResponse<String> raw) {}

  public record Account(String userId, String token) {}

  private final EmbeddedPlatform stores;
  private final Platform platform;

  private ClarityPlatform(EmbeddedPlatform stores, Platform platform) {
    this.stores = stores;
    this.platform = platform;
  }

  /** The system and account groups plus {@code groups}, with {@code env} on top of test defaults. */
  public static ClarityPlatform start(Path dir, Map<String, String> env, List<ResourceGroup> groups) throws Exception {
    Map<String, String> all = new HashMap<>(Map.of("CODE_RESEND_INTERVAL_SECONDS", "1", "CODES_PER_HOUR", "1000",
        "AUTH_REQUESTS_PER_MINUTE", "100000", "RATE_LIMIT_REQUESTS", "1000000"));
    all.putAll(env);
    List<ResourceGroup> started = new ArrayList<>(List.of(new SystemGroup(), new AccountGroup()));
    started.addAll(groups);
    EmbeddedPlatform stores = EmbeddedPlatform.start(dir);
    try {
      return new ClarityPlatform(stores, stores.platform(all, started));
    } catch (Exception | Error e) {
      stores.close();
      throw e;
    }
  }

  public URI baseUri() {
    return platform.baseUri();
  }

  public URI ws(String pathAndQuery) {
    return URI.create("ws://" + baseUri().getHost() + ":" + baseUri().getPort() + pathAndQuery);
  }

  public Res call(String method, String path, String token, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(platform.baseUri() + path)).timeout(Duration.ofSeconds(60));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    } catch (Exception e) {
      json = JSON.getNodeFactory().textNode(r.body());
    }
    return new Res(r.statusCode(), json, r);
  }

  /**
   * Polls {@code statusPath} (an enveloped job status: {@code data.status}) as {@code token} until
   * it is COMPLETED or FAILED, for at most two minutes; answers {@code data}.
   */
  public JsonNode awaitFinal(String statusPath, String token) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      Res r = call("GET", statusPath, token, null);
      assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
      String status = r.body().path("data").path("status").asText();
      if (status.equals("COMPLETED") || status.equals("FAILED")) return r.body().path("data");
      if (System.nanoTime() > deadline) throw new AssertionError(statusPath + " still " + status);
      Thread.sleep(100);
    }
  }

  /** Seed 003: register, confirm-email with the dev code, login. */
  public Account signUp() throws Exception {
    String email = "c" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "Str0ng!Passw0rd";
    Res reg = call("POST", "/api/v1/auth/register", null, Map.of("email", email, "password", password,
        "first_name", "Grace", "last_name", "Hopper"));
    assertThat(reg.status()).as(reg.body().toString()).isIn(201, 202);
    Res confirmed = call("POST", "/api/v1/auth/confirm-email", null, Map.of("email", email, "code",
        reg.body().path("dev_code").asText()));
    assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
    Res in = call("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password));
    assertThat(in.status()).as(in.body().toString()).isEqualTo(200);
    return new Account(in.body().path("user").path("user_id").asText(), in.body().path("tokens").path("access_token").asText());
  }

  @Override
  public void close() {
    stores.close();
  }
}
