package dev.apiplatform.server.strava;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiplatform.server.outbound.OutboundException;
import dev.apiplatform.server.outbound.OutboundHttp;
import dev.apiplatform.server.outbound.OutboundRequest;
import dev.apiplatform.server.outbound.OutboundResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Strava's OAuth and API v3 on the platform's {@link OutboundHttp} (its retries on 429/5xx and
 * Retry-After, its no-secrets logging). Every answer passes the {@link StravaRateGate} first,
 * so the next call waits when Strava's 15-minute window is used up. Tokens and codes travel only
 * in bodies and headers, which OutboundHttp never logs.
 */
public final class StravaClient {

  /** A token answer: access and refresh token, when the access token expires, the athlete. */
  public record Tokens(String accessToken, String refreshToken, Instant expiresAt, long athleteId,
      Optional<List<String>> scopes) {
    @Override
    public String toString() {
      return "Tokens[athleteId=" + athleteId + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** The access token was refused (401): the caller refreshes once and tries again. */
  public static final class Unauthorized extends RuntimeException {
    Unauthorized() {
      super("Strava refused the access token", null, false, false);
    }
  }

  private final StravaSettings settings;
  private final OutboundHttp http;
  private final StravaRateGate gate;
  private final ObjectMapper json;

  public StravaClient(StravaSettings settings, OutboundHttp http, StravaRateGate gate, ObjectMapper json) {
    this.settings = settings;
    this.http = http;
    this.gate = gate;
    this.json = json;
  }

  public StravaSettings settings() {
    return settings;
  }

  /** @throws InvalidOAuthCode Strava answered 400/401 to the code */
  public Tokens exchange(String code) {
    OutboundResponse r = send(form("/oauth/token", Map.of("client_id", settings.clientId().orElseThrow(),
        "client_secret", settings.clientSecret().orElseThrow(), "code", code, "grant_type", "authorization_code")));
    if (r.status() == 400 || r.status() == 401 || r.status() == 403) throw new InvalidOAuthCode();
    return tokens(r, Optional.empty());
  }

  /** @throws Unauthorized the refresh token is no longer valid (revoked at Strava) */
  public Tokens refresh(String refreshToken, long athleteId) {
    OutboundResponse r = send(form("/oauth/token", Map.of("client_id", settings.clientId().orElseThrow(),
        "client_secret", settings.clientSecret().orElseThrow(), "refresh_token", refreshToken,
        "grant_type", "refresh_token")));
    if (r.status() == 400 || r.status() == 401) throw new Unauthorized();
    return tokens(r, Optional.of(athleteId));
  }

  /** A token Strava does not know (401) counts as deauthorized already. */
  public void deauthorize(String accessToken) {
    OutboundResponse r = send(form("/oauth/deauthorize", Map.of("access_token", accessToken)));
    if (!r.isSuccess() && r.status() != 401) throw failed(r);
  }

  public JsonNode activity(long id, String accessToken) {
    OutboundResponse r = send(OutboundRequest.get(settings.resolve("/api/v3/activities/" + id))
        .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").build());
    return body(checked(r));
  }

  public JsonNode rename(long id, String name, String accessToken) {
    ObjectNode body = json.createObjectNode().put("name", name);
    // PUT is idempotent: sending the same name twice renames once
    OutboundResponse r = send(new OutboundRequest("PUT", settings.resolve("/api/v3/activities/" + id),
        Map.of("Authorization", "Bearer " + accessToken, "Content-Type", "application/json",
            "Accept", "application/json"),
        body.toString().getBytes(StandardCharsets.UTF_8), false));
    return body(checked(r));
  }

  private OutboundResponse send(OutboundRequest request) {
    gate.awaitCapacity();
    OutboundResponse r;
    try {
      r = http.send(request);
    } catch (OutboundException e) {
      throw new StravaUnavailable("Strava did not answer (" + e.kind() + ")", false);
    }
    gate.observe(r);
    return r;
  }

  private OutboundResponse checked(OutboundResponse r) {
    if (r.status() == 401) throw new Unauthorized();
    if (!r.isSuccess()) throw failed(r);
    return r;
  }

  private StravaUnavailable failed(OutboundResponse r) {
    boolean retryLater = r.status() == 429 || r.status() >= 500;
    return new StravaUnavailable("Strava answered " + r.status(), !retryLater);
  }

  private Tokens tokens(OutboundResponse r, Optional<Long> knownAthlete) {
    JsonNode b = body(checked(r));
    String access = b.path("access_token").asText("");
    String refresh = b.path("refresh_token").asText("");
    long expires = b.path("expires_at").asLong(0);
    long athlete = b.path("athlete").path("id").asLong(knownAthlete.orElse(0L));
    if (access.isEmpty() || refresh.isEmpty() || expires <= 0 || athlete <= 0) {
      throw new StravaUnavailable("Strava's token answer is incomplete", true);
    }
    Optional<List<String>> scopes = b.hasNonNull("scope")
        ? Optional.of(List.of(b.get("scope").asText().split("[,\\s]+"))) : Optional.empty();
    return new Tokens(access, refresh, Instant.ofEpochSecond(expires), athlete, scopes);
  }

  private JsonNode body(OutboundResponse r) {
    try {
      return json.readTree(r.body());
    } catch (IOException e) {
      throw new StravaUnavailable("Strava's answer is not JSON", true);
    }
  }

  private OutboundRequest form(String path, Map<String, String> fields) {
    String body = new LinkedHashMap<>(fields).entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    URI uri = settings.resolve(path);
    return new OutboundRequest("POST", uri, Map.of("Content-Type", "application/x-www-form-urlencoded",
        "Accept", "application/json"), body.getBytes(StandardCharsets.UTF_8), false);
  }
}
