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
 * The whole configuration, read once from environment variables and validated before anything
 * starts. Defaults are the embedded mode's: a bare machine runs with none of these set.
 *
 * @param stores {@code embedded} (the local runtime starts DynamoDB Local and an S3 server) or
 *     {@code aws} (the SDK's endpoints, or the given ones, with the default credential chain)
 * @param awsCredentials static credentials; only the embedded stores set them
 * @param jwtSigningKeys a JWK Set (JSON) of EC P-256 private keys: the first signs, all verify;
 *     unset in dev means a generated key kept under {@code dataDir}. Secret: never printed.
 */
public record AppConfig(
    Stage stage,
    String bindAddress,
    int port,
    List<String> allowedOrigins,
    Path dataDir,
    long maxBodyBytes,
    Duration shutdownGrace,
    Stores stores,
    String awsRegion,
    Optional<URI> dynamoDbEndpoint,
    Optional<URI> s3Endpoint,
    Optional<URI> snsEndpoint,
    Optional<URI> sesEndpoint,
    Optional<StaticCredentials> awsCredentials,
    Duration awsCallTimeout,
    Duration healthProbeTimeout,
    String bucketNamespace,
    Auth auth,
    long maxAudioFileSize) {

  public enum Stores { EMBEDDED, AWS }

  /** Components whose values toString() masks. */
  private static final Set<String> SECRETS = Set.of("jwtSigningKeys", "codeHashKey");

  /**
   * Identity settings.
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
    return new AppConfig(
        stage,
        e.string("BIND_ADDRESS", stage == Stage.DEV ? "127.0.0.1" : "0.0.0.0"),
        e.integer("PORT", 8080, 0, 65535),
        e.list("ALLOWED_ORIGINS", stage == Stage.DEV ? "*" : ""),
        e.path("DATA_DIR", ".data"),
        e.longValue("MAX_BODY_BYTES", 1024 * 1024, 1, Integer.MAX_VALUE),
        Duration.ofSeconds(e.integer("SHUTDOWN_GRACE_SECONDS", 10, 0, 300)),
        e.enumValue("STORES", Stores.class, Stores.EMBEDDED),
        e.string("AWS_REGION", "us-east-1"),
        e.uri("DYNAMODB_ENDPOINT"),
        e.uri("S3_ENDPOINT"),
        e.uri("SNS_ENDPOINT"),
        e.uri("SES_ENDPOINT"),
        Optional.empty(),
        Duration.ofMillis(e.integer("AWS_CALL_TIMEOUT_MS", 5000, 100, 120_000)),
        Duration.ofMillis(e.integer("HEALTH_PROBE_TIMEOUT_MS", 2000, 50, 60_000)),
        e.matching("BUCKET_NAMESPACE", "platform", "^[a-z0-9][a-z0-9-]{0,39}$", "lowercase letters, digits and '-', at most 40"),
        new Auth(
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
            e.integer("CODES_PER_HOUR", 5, 1, 1000)),
        e.longValue("MAX_AUDIO_FILE_SIZE", 10L * 1024 * 1024, 1, 5L * 1024 * 1024 * 1024));
  }

  /** The same configuration pointed at the given stores (used by the embedded runtime). */
  public AppConfig withStores(URI dynamoDb, URI s3, StaticCredentials credentials) {
    return new AppConfig(stage, bindAddress, port, allowedOrigins, dataDir, maxBodyBytes, shutdownGrace,
        stores, awsRegion, Optional.of(dynamoDb), Optional.of(s3), snsEndpoint, sesEndpoint, Optional.of(credentials),
        awsCallTimeout, healthProbeTimeout, bucketNamespace, auth, maxAudioFileSize);
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(stage, bindAddress, newPort, allowedOrigins, dataDir, maxBodyBytes, shutdownGrace,
        stores, awsRegion, dynamoDbEndpoint, s3Endpoint, snsEndpoint, sesEndpoint, awsCredentials, awsCallTimeout,
        healthProbeTimeout,
        bucketNamespace, auth, maxAudioFileSize);
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

  /** Typed readers that name the variable in every error. */
  private record Env(Map<String, String> env) {

    private Optional<String> raw(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String string(String name, String fallback) {
      return raw(name).orElse(fallback);
    }

    String matching(String name, String fallback, String regex, String rule) {
      String value = string(name, fallback);
      if (!value.matches(regex)) {
        throw new ConfigException(name + " must be " + rule + ", got '" + value + "'");
      }
      return value;
    }

    /** Comma-separated IPs or CIDRs; shape-checked here, parsed by the rate limiter. */
    List<String> proxies(String name) {
      return Arrays.stream(raw(name).orElse("").split(","))
          .map(String::trim)
          .filter(p -> !p.isEmpty())
          .peek(p -> {
            if (!p.matches("^[0-9A-Fa-f:.]+(/[0-9]{1,3})?$")) {
              throw new ConfigException(name + " entries must be IP addresses or CIDR ranges, got '" + p + "'");
            }
          })
          .toList();
    }

    int integer(String name, int fallback, int min, int max) {
      return (int) longValue(name, fallback, min, max);
    }

    long longValue(String name, long fallback, long min, long max) {
      Optional<String> value = raw(name);
      if (value.isEmpty()) return fallback;
      try {
        long parsed = Long.parseLong(value.get());
        if (parsed < min || parsed > max) {
          throw new ConfigException(name + " must be between " + min + " and " + max + ", got '" + value.get() + "'");
        }
        return parsed;
      } catch (NumberFormatException ex) {
        throw new ConfigException(name + " must be an integer, got '" + value.get() + "'");
      }
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type, E fallback) {
      Optional<String> value = raw(name);
      if (value.isEmpty()) return fallback;
      try {
        return Enum.valueOf(type, value.get().toUpperCase());
      } catch (IllegalArgumentException ex) {
        throw new ConfigException(name + " must be one of " + Arrays.toString(type.getEnumConstants()).toLowerCase()
            + ", got '" + value.get() + "'");
      }
    }

    List<String> list(String name, String fallback) {
      return Arrays.stream(raw(name).orElse(fallback).split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .peek(origin -> {
            if (!origin.equals("*") && !origin.matches("^https?://[^/\\s]+$")) {
              throw new ConfigException(name + " entries must be '*' or an origin like https://app.example.com, got '" + origin + "'");
            }
          })
          .toList();
    }

    Path path(String name, String fallback) {
      try {
        return Path.of(raw(name).orElse(fallback)).toAbsolutePath().normalize();
      } catch (RuntimeException ex) {
        throw new ConfigException(name + " is not a valid path: " + ex.getMessage());
      }
    }

    Optional<URI> uri(String name) {
      return raw(name).map(value -> {
        try {
          URI uri = URI.create(value);
          if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL");
          }
          return uri;
        } catch (IllegalArgumentException ex) {
          throw new ConfigException(name + " must be an http(s) URL, got '" + value + "'");
        }
      });
    }
  }
}
