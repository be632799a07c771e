package dev.apiplatform.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** HTTP calls of the crash tests against a platform in a {@link ChildJvm}: JSON in and out, phone sign-in, polling. */
public final class ChildHttp {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ChildHttp() {}

  /** A call that must succeed (2xx): its JSON body. */
  public static JsonNode call(URI base, String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
    return JSON.readTree(r.body());
  }

  /** Phone sign-in of a new user (no password hash: Argon2's 19 MiB would not fit a small child heap). */
  public static String signIn(URI base) throws Exception {
    String phone = "+1415555" + (1000 + (int) (Math.random() * 8999));
    JsonNode started = call(base, "POST", "/auth/start", null, JSON.writeValueAsString(Map.of("phone", phone)));
    return call(base, "POST", "/auth/verify", null, JSON.writeValueAsString(Map.of("phone", phone,
        "otp", started.path("dev_otp").asText(), "session", started.path("session").asText())))
        .path("access_token").asText();
  }

  public static void await(String what, Duration max, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("Timed out waiting for " + what);
      Thread.sleep(100);
    }
  }
}
