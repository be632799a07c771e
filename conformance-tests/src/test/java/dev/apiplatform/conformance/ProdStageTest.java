package dev.apiplatform.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.PASSWORD;
import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apiplatform.local.LocalPlatform;
import dev.apiplatform.server.security.SigningKeys;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The {@code prod} stage on a platform of its own: codes never come back in responses, they go
 * out through SNS and SES (WireMock standing in for both), and they never reach the log. The
 * codes read from the provider requests complete the flows, proving the production path end to
 * end.
 */
class ProdStageTest {

  private static final Map<String, String> NONE = Map.of();
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
  private static final String PUBLISH_OK = """
      <PublishResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
        <PublishResult><MessageId>sns-msg-0001</MessageId></PublishResult>
        <ResponseMetadata><RequestId>req-sns-1</RequestId></ResponseMetadata>
      </PublishResponse>""";
  private static final String PUBLISH_FAILED = """
      <ErrorResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
        <Error><Type>Receiver</Type><Code>InternalError</Code><Message>try later</Message></Error>
        <RequestId>req-sns-2</RequestId>
      </ErrorResponse>""";

  private static WireMockServer aws;
  private static LocalPlatform platform;
  private static ContractClient client;
  private static ListAppender<ILoggingEvent> logs;
  private static final Map<String, Level> previousLevels = new HashMap<>();
  private static final List<String> codesSeen = new ArrayList<>();

  @BeforeAll
  static void startProdPlatform() {
    aws = new WireMockServer(wireMockConfig().dynamicPort());
    aws.start();
    aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(PUBLISH_OK)));
    aws.stubFor(post(urlEqualTo("/v2/email/outbound-emails"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"MessageId\":\"ses-msg-0001\"}")));

    // production log levels (INFO, access log on) for everything the platform logs
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.apiplatform", "access")) {
      Logger logger = context.getLogger(name);
      previousLevels.put(name, logger.getLevel());
      logger.setLevel(Level.INFO);
    }
    logs = new ListAppender<>();
    logs.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);

    platform = Targets.startPlatform(Targets.tempDir("platform-prod"), prodEnvironment());
    client = new ContractClient(Targets.SERVER, platform.baseUri());
  }

  @AfterAll
  static void stop() {
    try {
      if (platform != null) platform.close();
    } finally {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
      previousLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
      aws.stop();
    }
  }

  private static Map<String, String> prodEnvironment() {
    byte[] hashKey = new byte[32];
    new SecureRandom().nextBytes(hashKey);
    String jwks = Identities.body("keys", List.of(SigningKeys.generate().toJSONObject()));
    String endpoint = "http://localhost:" + aws.port();
    Map<String, String> env = new HashMap<>();
    env.put("STAGE", "prod");
    env.put("BIND_ADDRESS", "127.0.0.1");
    env.put("JWT_SIGNING_KEYS", jwks);
    env.put("CODE_HASH_KEY", Base64.getEncoder().encodeToString(hashKey));
    env.put("EMAIL_FROM", "no-reply@apiplatform.dev");
    env.put("SNS_ENDPOINT", endpoint);
    env.put("SES_ENDPOINT", endpoint);
    // short retries, and enough of them to outlast the outage test's outage
    env.put("JOB_RETRY_BASE_MS", "100");
    env.put("JOB_RETRY_MAX_SECONDS", "1");
    env.put("QUEUE_MAX_RECEIVES", "100");
    env.put("QUEUE_POLL_WAIT_SECONDS", "1");
    return env;
  }

  /** Issue 13: the debug routes exist only in dev; prod neither routes them nor lists them. */
  @Test
  void debugRoutes_areNotFoundInProd_andAbsentFromTheServedContract() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    for (String path : List.of("/api/v1/debug/config", "/api/v1/debug/auth-info", "/api/v1/debug/health")) {
      var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.baseUri() + path)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(404);
    }
    var served = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.baseUri() + "/openapi.yaml"))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(served.body()).doesNotContain("/api/v1/debug/").contains("/api/v1/test/hello");
  }

  @Test
  void start_sendsTheCodeBySnsOnly_andThatCodeSignsIn() {
    String phone = Identities.phone();
    JsonNode started = ok(client.post("/auth/start", NONE, body("phone", phone)), 200);
    assertThat(started.has("dev_otp")).as("no code in a prod response").isFalse();

    String code = smsCodeSentTo(phone);
    JsonNode tokens = ok(client.post("/auth/verify", NONE,
        body("phone", phone, "otp", code, "session", started.path("session").asText())), 200);
    JsonNode me = ok(client.get("/api/v1/auth/me", bearer(tokens.path("access_token").asText())), 200);
    assertThat(me.path("phone_number").asText()).isEqualTo(phone);
    assertNoCodeInTheLog();
  }

  @Test
  void register_sendsTheCodeBySnsOnly_andThatCodeSignsIn() {
    String phone = Identities.phone();
    JsonNode sent = ok(client.post("/auth/register", NONE, body("phoneNumber", phone)), 200);
    assertThat(sent.has("dev_code")).as("no code in a prod response").isFalse();
    ok(client.post("/auth/verify", NONE, body("phoneNumber", phone, "code", smsCodeSentTo(phone))), 200);
    assertNoCodeInTheLog();
  }

  @Test
  void signup_sendsTheCodeBySesOnly_andThatCodeConfirms() {
    String email = Identities.email("prod");
    JsonNode created = ok(client.post("/auth/signup", NONE, body("email", email, "password", PASSWORD)), 201);
    assertThat(created.has("dev_code")).as("no code in a prod response").isFalse();

    String code = emailCodeSentTo(email);
    ok(client.post("/auth/confirm-signup", NONE, body("email", email, "code", code)), 200);
    ok(client.post("/auth/signin", NONE, body("email", email, "password", PASSWORD)), 200);
    assertNoCodeInTheLog();
  }

  @Test
  void accountRegister_sendsTheCodeBySesOnly_andThatCodeConfirms() {
    String email = Identities.email("prod-clarity");
    JsonNode registered = ok(client.post("/api/v1/auth/register", NONE,
        body("email", email, "password", PASSWORD, "first_name", "Ada", "last_name", "Lovelace")), 202);
    assertThat(registered.has("dev_code")).as("no code in a prod response").isFalse();
    ok(client.post("/api/v1/auth/confirm-email", NONE, body("email", email, "code", emailCodeSentTo(email))), 200);
    ok(client.post("/api/v1/auth/login", NONE, body("email", email, "password", PASSWORD)), 200);
    assertNoCodeInTheLog();
  }

  /**
   * Issue 9's outage test: SNS and SES answer 500 for 30 s while people sign up; every sign-up still answers
   * its documented success (the message is queued, not sent in the request), the worker retries
   * with the short backoff set in {@link #prodEnvironment()}, and after recovery every code
   * arrives once and signs in.
   */
  @Test
  void providerOutage_signUpsStillSucceed_andEveryCodeArrivesAfterRecovery() throws Exception {
    String phone = Identities.phone();
    String failingPhone = Identities.phone();
    String failingEmail = Identities.email("prod-down");
    String failingEmail2 = Identities.email("prod-down");
    long outageEnds = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    List<StubMapping> outage = new ArrayList<>();
    for (String number : List.of(phone, failingPhone)) {
      outage.add(aws.stubFor(post(urlEqualTo("/")).atPriority(1)
          .withRequestBody(containing("PhoneNumber=" + URLEncoderHolder.encode(number)))
          .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml").withBody(PUBLISH_FAILED))));
    }
    for (String email : List.of(failingEmail, failingEmail2)) {
      outage.add(aws.stubFor(post(urlEqualTo("/v2/email/outbound-emails")).atPriority(1).withRequestBody(containing(email))
          .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
              .withBody("{\"message\":\"internal\"}"))));
    }
    JsonNode started = ok(client.post("/auth/start", NONE, body("phone", phone)), 200);
    ok(client.post("/auth/register", NONE, body("phoneNumber", failingPhone)), 200);
    ok(client.post("/auth/signup", NONE, body("email", failingEmail, "password", PASSWORD)), 201);
    ok(client.post("/api/v1/auth/register", NONE,
        body("email", failingEmail2, "password", PASSWORD, "first_name", "Ada", "last_name", "Lovelace")), 202);

    // the outage lasts the 30 s, and until every destination was refused at least twice
    // (a retry happened); QUEUE_MAX_RECEIVES=100 with retries ≤ 1 s apart outlasts it
    for (String destination : List.of(URLEncoderHolder.encode(phone), URLEncoderHolder.encode(failingPhone),
        failingEmail, failingEmail2)) {
      awaitTrue(() -> answered(500).stream().filter(r -> r.getBodyAsString().contains(destination)).count() >= 2,
          "two refused sends to a destination");
    }
    long left = outageEnds - System.nanoTime();
    if (left > 0) Thread.sleep(left / 1_000_000);
    outage.forEach(aws::removeStub);

    String code = smsCodeSentTo(phone);
    ok(client.post("/auth/verify", NONE, body("phone", phone, "otp", code, "session", started.path("session").asText())), 200);
    ok(client.post("/auth/verify", NONE, body("phoneNumber", failingPhone, "code", smsCodeSentTo(failingPhone))), 200);
    ok(client.post("/auth/confirm-signup", NONE, body("email", failingEmail, "code", emailCodeSentTo(failingEmail))), 200);
    ok(client.post("/api/v1/auth/confirm-email", NONE, body("email", failingEmail2, "code", emailCodeSentTo(failingEmail2))),
        200);
    for (LoggedRequest request : aws.findAll(postRequestedFor(urlEqualTo("/")))) {
      codesSeen.add(code(formParameter(request, "Message")));
    }
    assertNoCodeInTheLog();
  }

  @Test
  void prodWithoutSigningKeys_refusesToStart_namingTheVariable() {
    Map<String, String> env = prodEnvironment();
    env.remove("JWT_SIGNING_KEYS");
    assertThatThrownBy(() -> Targets.startPlatform(Targets.tempDir("platform-prod-nokeys"), env).close())
        .hasMessageContaining("JWT_SIGNING_KEYS");
  }

  // --- helpers ----------------------------------------------------------------------------

  /** Requests WireMock answered with {@code status} (the stub's, not a miss). */
  private static List<LoggedRequest> answered(int status) {
    return aws.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == status)
        .map(ServeEvent::getRequest).toList();
  }

  /** Sends are asynchronous now (the worker sends what the request queued): wait for one, at most 60 s. */
  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting for " + what);
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The code in the one SMS that went to {@code phone} through SNS Publish. */
  private static String smsCodeSentTo(String phone) {
    java.util.function.Supplier<List<LoggedRequest>> delivered = () -> answered(200).stream()
        .filter(r -> r.getUrl().equals("/") && r.getBodyAsString().contains("Action=Publish"))
        .filter(r -> phone.equals(formParameter(r, "PhoneNumber"))).toList();
    awaitTrue(() -> !delivered.get().isEmpty(), "an SMS to a number");
    List<LoggedRequest> sent = delivered.get();
    assertThat(sent).as("SNS Publish requests to %s", phone).hasSize(1);
    assertThat(formParameter(sent.get(0), "MessageAttributes.entry.1.Value.StringValue")).isEqualTo("Transactional");
    return code(formParameter(sent.get(0), "Message"));
  }

  /** The code in the one email that went to {@code email} through SES v2 SendEmail. */
  private static String emailCodeSentTo(String email) {
    java.util.function.Supplier<List<JsonNode>> delivered = () -> answered(200).stream()
        .filter(r -> r.getUrl().equals("/v2/email/outbound-emails"))
        .map(r -> {
          try {
            return Identities.JSON.readTree(r.getBodyAsString());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        })
        .filter(b -> b.path("Destination").path("ToAddresses").path(0).asText().equals(email))
        .toList();
    awaitTrue(() -> !delivered.get().isEmpty(), "an email to an address");
    List<JsonNode> sent = delivered.get();
    assertThat(sent).as("SES SendEmail requests to %s", email).hasSize(1);
    assertThat(sent.get(0).path("FromEmailAddress").asText()).isEqualTo("no-reply@apiplatform.dev");
    return code(sent.get(0).path("Content").path("Simple").path("Body").path("Text").path("Data").asText());
  }

  private static String code(String message) {
    Matcher m = CODE.matcher(message);
    assertThat(m.find()).as("a 6-digit code in the message: %s", message).isTrue();
    String code = m.group(1);
    synchronized (codesSeen) {
      codesSeen.add(code);
    }
    return code;
  }

  private static String formParameter(LoggedRequest request, String name) {
    for (String pair : request.getBodyAsString().split("&")) {
      String[] kv = pair.split("=", 2);
      if (URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(name)) {
        return kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
      }
    }
    return null;
  }

  private static void assertNoCodeInTheLog() {
    List<String> lines;
    synchronized (logs) {
      lines = logs.list.stream()
          .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
          .toList();
    }
    assertThat(lines).as("the platform logged something in prod").isNotEmpty();
    List<String> codes;
    synchronized (codesSeen) {
      codes = List.copyOf(codesSeen);
    }
    assertThat(codes).isNotEmpty();
    // one pass with one pattern: noneSatisfy built an AssertionError for every line that did not
    // hold a code, i.e. for nearly all of the class's tens of thousands of lines, once per code
    // (22-25 s per call)
    Pattern anyCode = Pattern.compile("(?<![0-9A-Za-z])(" + String.join("|", codes) + ")(?![0-9A-Za-z])");
    assertThat(lines.stream().filter(line -> anyCode.matcher(line).find()).toList())
        .as("log lines containing one of the codes %s", codes).isEmpty();
  }

  private static final class URLEncoderHolder {
    static String encode(String value) {
      return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }
}
