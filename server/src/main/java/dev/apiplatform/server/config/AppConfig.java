package dev.apiplatform.server.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The platform-wide configuration, read once from environment variables and validated before
 * anything starts, in sections: the HTTP server, the AWS clients, the identity core. A resource
 * group's own settings are not here: each group reads its section from {@link #env()} in
 * {@code ResourceGroup.configure}. Defaults are the embedded mode's: a bare machine runs with none
 * of these set.
 *
 * @param dataDir where the embedded stores and the dev keys persist ({@code DATA_DIR})
 * @param env the environment this was read from, for the groups' sections; printed without values
 */
public record AppConfig(Stage stage, Path dataDir, Http http, Aws aws, Auth auth, Env env) {

  public enum Stores { EMBEDDED, AWS }

  /** The HTTP server. */
  public record Http(String bindAddress, int port, List<String> allowedOrigins, long maxBodyBytes,
      Duration shutdownGrace, Duration keepAliveIdle) {

    static Http from(Env e, Stage stage) {
      return new Http(
          e.string("BIND_ADDRESS", stage == Stage.DEV ? "127.0.0.1" : "0.0.0.0"),
          e.integer("PORT", 8080, 0, 65535),
          e.list("ALLOWED_ORIGINS", stage == Stage.DEV ? "*" : ""),
          e.longValue("MAX_BODY_BYTES", 1024 * 1024, 1, Integer.MAX_VALUE),
          Duration.ofSeconds(e.integer("SHUTDOWN_GRACE_SECONDS", 10, 0, 300)),
          Duration.ofSeconds(e.integer("KEEP_ALIVE_IDLE_SECONDS", 75, 1, 3600)));
    }
  }

  /**
   * The AWS clients.
   *
   * @param stores {@code embedded} (the local runtime starts DynamoDB Local and an S3 server) or
   *     {@code aws} (the SDK's endpoints, or the given ones, with the default credential chain)
   * @param credentials static credentials; only the embedded stores set them
   */
  public record Aws(Stores stores, String region, Optional<URI> dynamoDbEndpoint, Optional<URI> s3Endpoint,
      Optional<URI> snsEndpoint, Optional<URI> sesEndpoint, Optional<URI> sqsEndpoint,
      Optional<StaticCredentials> credentials,
      Duration callTimeout, String bucketNamespace) {

    static Aws from(Env e) {
      return new Aws(
          e.enumValue("STORES", Stores.class, Stores.EMBEDDED),
          e.string("AWS_REGION", "us-east-1"),
          e.uri("DYNAMODB_ENDPOINT"),
          e.uri("S3_ENDPOINT"),
          e.uri("SNS_ENDPOINT"),
          e.uri("SES_ENDPOINT"),
          e.uri("SQS_ENDPOINT"),
          Optional.empty(),
          Duration.ofMillis(e.integer("AWS_CALL_TIMEOUT_MS", 5000, 100, 120_000)),
          e.matching("BUCKET_NAMESPACE", "platform", "^[a-z0-9][a-z0-9-]{0,39}$",
              "lowercase letters, digits and '-', at most 40"));
    }
  }

  /** Components whose values toString() masks. */
  private static final Set<String> SECRETS = Set.of("jwtSigningKeys", "codeHashKey");

  /**
   * The identity core's settings (every sign-in flow, every token).
   *
   * @param jwtSigningKeys JWK Set with EC P-256 private keys; the first signs (required in prod)
   * @param codeHashKey base64 key for the keyed hash of one-time codes (required in prod)
   * @param trustedProxies peers whose X-Forwarded-For is believed (IPs or CIDRs)
   * @param emailFrom sender address of emails in prod (SES)
   * @param codeResendInterval least time between two codes sent to one destination
   * @param codesPerHour most codes sent to one destination per hour
   */
  public record Auth(
      String jwtIssuer,
      String jwtAudience,
      Optional<String> jwtSigningKeys,
      Duration accessTokenTtl,
      Optional<String> codeHashKey,
      Duration otpTtl,
      int otpMaxAttempts,
      Duration emailCodeTtl,
      Duration resetCodeTtl,
      List<String> trustedProxies,
      int authRequestsPerMinute,
      String emailFrom,
      Duration codeResendInterval,
      int codesPerHour) {

    static Auth from(Env e) {
      return new Auth(
          // compared verbatim with every token's iss, and discovery documents drop the trailing '/'
          e.uri("JWT_ISSUER").map(uri -> uri.toString().replaceAll("/+$", "")).orElse("http://localhost:8080"),
          e.matching("JWT_AUDIENCE", "mobile-platform", "^[A-Za-z0-9._:/-]{1,200}$",
              "1 to 200 letters, digits or '._:/-'"),
          e.raw("JWT_SIGNING_KEYS"),
          Duration.ofSeconds(e.integer("ACCESS_TOKEN_TTL_SECONDS", 3600, 60, 86_400)),
          e.raw("CODE_HASH_KEY"),
          Duration.ofSeconds(e.integer("OTP_TTL_SECONDS", 300, 30, 3600)),
          e.integer("OTP_MAX_ATTEMPTS", 5, 1, 20),
          Duration.ofSeconds(e.integer("EMAIL_CODE_TTL_SECONDS", 86_400, 60, 7 * 86_400)),
          Duration.ofSeconds(e.integer("RESET_CODE_TTL_SECONDS", 600, 60, 86_400)),
          e.proxies("TRUSTED_PROXIES"),
          e.integer("AUTH_REQUESTS_PER_MINUTE", 60, 1, 100_000),
          e.matching("EMAIL_FROM", "no-reply@example.com", "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "an email address"),
          Duration.ofSeconds(e.integer("CODE_RESEND_INTERVAL_SECONDS", 60, 1, 3600)),
          e.integer("CODES_PER_HOUR", 5, 1, 1000));
    }

    @Override
    public String toString() {
      return masked(this, Auth.class);
    }
  }

  /** Access key pair for endpoints that need fixed credentials (the embedded stores). */
  public record StaticCredentials(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
  }

  public static AppConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static AppConfig from(Map<String, String> env) {
    Env e = new Env(env);
    Stage stage = e.enumValue("STAGE", Stage.class, Stage.DEV);
    return new AppConfig(stage, e.path("DATA_DIR", ".data"), Http.from(e, stage), Aws.from(e), Auth.from(e), e);
  }

  /** The same configuration pointed at the given stores (used by the embedded runtime). */
  public AppConfig withStores(URI dynamoDb, URI s3, StaticCredentials credentials) {
    Aws pointed = new Aws(aws.stores(), aws.region(), Optional.of(dynamoDb), Optional.of(s3), aws.snsEndpoint(),
        aws.sesEndpoint(), aws.sqsEndpoint(), Optional.of(credentials), aws.callTimeout(), aws.bucketNamespace());
    return new AppConfig(stage, dataDir, http, pointed, auth, env);
  }

  /** The same configuration pointed at the given SQS endpoint (the embedded runtime's ElasticMQ). */
  public AppConfig withQueue(URI sqs) {
    Aws pointed = new Aws(aws.stores(), aws.region(), aws.dynamoDbEndpoint(), aws.s3Endpoint(), aws.snsEndpoint(),
        aws.sesEndpoint(), Optional.of(sqs), aws.credentials(), aws.callTimeout(), aws.bucketNamespace());
    return new AppConfig(stage, dataDir, http, pointed, auth, env);
  }

  public AppConfig withPort(int newPort) {
    Http moved = new Http(http.bindAddress(), newPort, http.allowedOrigins(), http.maxBodyBytes(), http.shutdownGrace(),
        http.keepAliveIdle());
    return new AppConfig(stage, dataDir, moved, aws, auth, env);
  }

  /**
   * Configs end up in logs and exception messages. Built from the record's components, so a
   * field added later is printed too, while the secret ones only say whether they are set.
   */
  @Override
  public String toString() {
    return masked(this, AppConfig.class);
  }

  private static String masked(Record record, Class<? extends Record> type) {
    StringJoiner out = new StringJoiner(", ", type.getSimpleName() + "[", "]");
    for (RecordComponent component : type.getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(record);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(e);
      }
      if (SECRETS.contains(component.getName())) {
        value = value instanceof Optional<?> o && o.isEmpty() ? "<unset>" : "***";
      }
      out.add(component.getName() + "=" + value);
    }
    return out.toString();
  }
}
