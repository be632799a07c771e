package dev.apiplatform.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A platform with seed 001's auth group called over HTTP as Motion's clients call it: JSON
 * calls with an optional bearer token, and a new user through sign-up, confirmation (the dev
 * code) and sign-in. For MotionFlowsTest and MetricsEndpointTest.
 */
public final class MotionClient {

  public static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: its status, Content-Type and body text. */
  public record Res(int status, String type, String text) {
    /** The body as JSON (the null node when empty). */
    public JsonNode body() {
      try {
        return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new AssertionError("Not JSON: " + text, e);
      }
    }
  }

  public record Account(String email, String password, String token) {}

  private final URI base;

  public MotionClient(URI base) {
    this.base = base;
  }

  /** {@code body} (when not null) is sent as JSON; {@code token} (when not null) as the bearer. */
  public Res call(String method, String path, String token, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = EmbeddedPlatform.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Res(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  /** Seed 001's sign-up, confirm-signup with the dev code, then sign-in. */
  public Account signUp() throws Exception {
    String email = "m" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "Str0ng!Passw0rd";
    Res up = call("POST", "/auth/signup", null, Map.of("email", email, "password", password));
    assertThat(up.status()).isEqualTo(201);
    assertThat(call("POST", "/auth/confirm-signup", null, Map.of("email", email, "code",
        up.body().path("dev_code").asText())).status()).isEqualTo(200);
    Res in = call("POST", "/auth/signin", null, Map.of("email", email, "password", password));
    assertThat(in.status()).isEqualTo(200);
    return new Account(email, password, in.body().path("accessToken").asText());
  }
}
