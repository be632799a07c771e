package dev.apiplatform.server.strava;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.Platform;
import dev.apiplatform.server.auth.AuthGroup;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.agent.ActivityAgent;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.queue.QueueNames;
import dev.apiplatform.server.queue.SqsClients;
import dev.apiplatform.server.webhooks.StravaEvents;
import dev.apiplatform.server.profile.ProfileGroup;
import dev.apiplatform.server.system.SystemGroup;
import dev.apiplatform.server.webhooks.WebhooksGroup;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A platform with the MetaMatic groups, pointed at a WireMock Strava, and a tiny HTTP client. */
final class StravaHarness implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String VERIFY_TOKEN = "verify-me";
  static final String TWILIO_TOKEN = "twilio-secret";
  static final long SUBSCRIPTION = 120475;
  private static final AtomicInteger PHONES = new AtomicInteger();
  private static final int PHONE_BASE = java.util.concurrent.ThreadLocalRandom.current().nextInt(5_000);
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  final WireMockServer strava = new WireMockServer(wireMockConfig().dynamicPort());
  EmbeddedAws stores;
  EmbeddedSqs queues;
  Platform platform;
  /** A platform in another process (see {@link #remote}); null while {@link #platform} serves. */
  URI remote;
  private final Path dir;

  StravaHarness(Path dir) throws Exception {
    this(dir, true);
  }

  private StravaHarness(Path dir, boolean local) throws Exception {
    this.dir = dir;
    strava.start();
    if (!local) return;
    try {
      startLocal(true);
    } catch (Exception | Error e) {
      close(); // the stores and the JVM's one ElasticMQ must not outlive a failed start
      throw e;
    }
  }

  /** Only the WireMock Strava: the platform runs in another process, on {@code dir}, at {@code base}. */
  static StravaHarness remote(Path dir) throws Exception {
    return new StravaHarness(dir, false);
  }

  /** The stores, queue and platform in this process, on {@code dir} (again after another process). */
  void startLocal(boolean workers) throws Exception {
    remote = null;
    stores = EmbeddedAws.start(dir.resolve("stores"));
    queues = EmbeddedSqs.start(dir.resolve("queues"));
    platform = start(workers);
  }

  /** A (re)start on the same stores and queue; {@code workers} false = the agent does not run. */
  Platform start(boolean workers) throws Exception {
    return Platform.start(config(dir, strava.baseUrl(), stores, queues, workers), groups());
  }

  /** The settings every MetaMatic test platform runs with: Strava at {@code stravaBase}, fast retries. */
  static AppConfig config(Path dir, String stravaBase, EmbeddedAws stores, EmbeddedSqs queues, boolean workers) {
    Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "DATA_DIR", dir.toString(),
        "SHUTDOWN_GRACE_SECONDS", "1", "STRAVA_BASE_URL", stravaBase, "STRAVA_CLIENT_ID", "4242",
        "STRAVA_CLIENT_SECRET", "client-secret", "STRAVA_REDIRECT_URI", "https://app.example/strava",
        "STRAVA_WEBHOOK_VERIFY_TOKEN", VERIFY_TOKEN, "STRAVA_SUBSCRIPTION_ID", Long.toString(SUBSCRIPTION),
        "TWILIO_AUTH_TOKEN", TWILIO_TOKEN));
    env.put("WORKERS", workers ? "on" : "off");
    env.put("QUEUE_POLL_WAIT_SECONDS", "1");
    // A stop abandons its worker's long poll, and a message SQS hands to that dead poll (one sent
    // within the poll's second after the stop) stays hidden for the visibility timeout: 30 s by
    // default, which two flows here waited out. A running job's visibility is extended every half
    // timeout, so a short one changes no outcome.
    env.put("QUEUE_VISIBILITY_TIMEOUT_SECONDS", "3");
    env.put("JOB_SHUTDOWN_GRACE_SECONDS", "1");
    env.put("JOB_RETRY_BASE_MS", "50");
    env.put("RATE_LIMIT_REQUESTS", "100000");
    return AppConfig.from(env).withStores(stores.dynamoDbEndpoint(), stores.s3Endpoint(),
        new AppConfig.StaticCredentials(stores.accessKeyId(), stores.secretAccessKey())).withQueue(queues.endpoint());
  }

  static List<ResourceGroup> groups() {
    return List.of(new SystemGroup(), new AuthGroup(), new ProfileGroup(), new StravaGroup(), new WebhooksGroup());
  }

  URI base() {
    return remote != null ? remote : platform.baseUri();
  }

  /** Strava has activity {@code id} (a 10.2 km run named "Morning Run") and accepts its rename. */
  void stubActivity(long id) {
    strava.stubFor(WireMock.get(urlPathEqualTo("/api/v3/activities/" + id)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":" + id + ",\"name\":\"Morning Run\",\"sport_type\":\"Run\",\"distance\":10230.5,"
            + "\"moving_time\":3120,\"start_date_local\":\"2026-12-01T07:10:00Z\"}")));
    strava.stubFor(WireMock.put(urlPathEqualTo("/api/v3/activities/" + id)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":" + id + "}")));
  }

  /** The renames (PUT /api/v3/activities/{id}) Strava received for {@code id}. */
  List<com.github.tomakehurst.wiremock.verification.LoggedRequest> renames(long id) {
    return strava.findAll(WireMock.putRequestedFor(urlPathEqualTo("/api/v3/activities/" + id)));
  }

  record User(String phone, String userId, String token) {}

  User signUp() throws Exception {
    // exchange 734 is a real, assignable US exchange (555 and N11 are refused as impossible)
    // distinct for every sign-up of this JVM (a nanoTime term here collided now and then: 409)
    String phone = String.format("+1415734%04d", (PHONE_BASE + PHONES.incrementAndGet()) % 10_000);
    JsonNode sent = json(send("POST", "/auth/register", null, "{\"phoneNumber\":\"" + phone + "\"}"));
    JsonNode tokens = json(send("POST", "/auth/verify", null,
        "{\"phoneNumber\":\"" + phone + "\",\"code\":\"" + sent.path("dev_code").asText() + "\"}"));
    String access = tokens.path("access_token").asText();
    String payload = new String(java.util.Base64.getUrlDecoder().decode(access.split("\\.")[1]), StandardCharsets.UTF_8);
    return new User(phone, JSON.readTree(payload).path("sub").asText(), access);
  }

  /** Strava's token endpoint answers this athlete with the given access/refresh tokens. */
  void stubTokenExchange(String code, long athleteId, String access, String refresh, long expiresAt) {
    strava.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(WireMock.containing("code=" + code))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
            "{\"token_type\":\"Bearer\",\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh
                + "\",\"expires_at\":" + expiresAt + ",\"athlete\":{\"id\":" + athleteId + "}}")));
  }

  /** GET /strava/oauth/url, then the callback with Strava's code: the athlete is connected. */
  JsonNode connect(User user, String code, long athleteId, String scope) throws Exception {
    stubTokenExchange(code, athleteId, "access-" + code, "refresh-" + code,
        java.time.Instant.now().plusSeconds(6 * 3600).getEpochSecond());
    String state = state(user);
    return json(send("POST", "/strava/oauth/callback", user.token(),
        "{\"code\":\"" + code + "\",\"state\":\"" + state + "\",\"scope\":\"" + scope + "\"}"));
  }

  String state(User user) throws Exception {
    JsonNode url = json(send("GET", "/strava/oauth/url", user.token(), null));
    String query = URI.create(url.path("url").asText()).getRawQuery();
    for (String pair : query.split("&")) {
      if (pair.startsWith("state=")) return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
    }
    throw new AssertionError("no state in " + url);
  }

  HttpResponse<String> send(String method, String path, String token, String jsonBody) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
        .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (jsonBody != null) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> sendForm(String path, String form, String signature) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (signature != null) b.header("X-Twilio-Signature", signature);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    return JSON.readTree(r.body());
  }

  static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    return JSON.readTree(r.body());
  }

  String event(String objectType, long objectId, String aspect, String updatesJson, long owner) {
    return "{\"object_type\":\"" + objectType + "\",\"object_id\":" + objectId + ",\"aspect_type\":\"" + aspect
        + "\",\"updates\":" + updatesJson + ",\"owner_id\":" + owner + ",\"subscription_id\":" + SUBSCRIPTION
        + ",\"event_time\":1516126040}";
  }

  /** The messages in the agent's queue (waiting, in flight, delayed): exact while no agent runs. */
  long agentMessages() {
    String name = QueueNames.of(config(dir, strava.baseUrl(), stores, queues, false)).physical(ActivityAgent.QUEUE);
    try (SqsClient sqs = SqsClients.create(Region.of(queues.region()), credentials(), Optional.of(queues.endpoint()),
        Duration.ofSeconds(10), Duration.ZERO)) {
      String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
      return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
          .attributesAsStrings().values().stream().mapToLong(Long::parseLong).sum();
    }
  }

  /** Deletes the webhook's record of the activity's create event: the server died after the send. */
  void forgetDelivery(long activityId) {
    String table = config(dir, strava.baseUrl(), stores, queues, false).stage().prefix() + StravaEvents.TABLE;
    try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(stores.dynamoDbEndpoint())
        .region(Region.of(stores.region())).credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.builder().build()).build()) {
      dynamo.deleteItem(r -> r.tableName(table).key(Map.of(StravaEvents.KEY,
          AttributeValue.fromS("activity#" + activityId + "#create"))));
    }
  }

  private StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(stores.accessKeyId(), stores.secretAccessKey()));
  }

  @Override
  public void close() {
    if (platform != null) platform.close();
    if (queues != null) queues.close();
    if (stores != null) stores.close();
    strava.stop();
  }


}
