package dev.apiplatform.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration, read once from environment variables and validated before anything
 * starts. Defaults are the embedded mode's: a bare machine runs with none of these set.
 *
 * @param stores {@code embedded} (the local runtime starts DynamoDB Local and an S3 server) or
 *     {@code aws} (the SDK's endpoints, or the given ones, with the default credential chain)
 * @param awsCredentials static credentials; only the embedded stores set them
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
    Optional<StaticCredentials> awsCredentials,
    Duration awsCallTimeout,
    Duration healthProbeTimeout,
    String bucketNamespace) {

  public enum Stores { EMBEDDED, AWS }

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
        Optional.empty(),
        Duration.ofMillis(e.integer("AWS_CALL_TIMEOUT_MS", 5000, 100, 120_000)),
        Duration.ofMillis(e.integer("HEALTH_PROBE_TIMEOUT_MS", 2000, 50, 60_000)),
        e.matching("BUCKET_NAMESPACE", "platform", "^[a-z0-9][a-z0-9-]{0,39}$", "lowercase letters, digits and '-', at most 40"));
  }

  /** The same configuration pointed at the given stores (used by the embedded runtime). */
  public AppConfig withStores(URI dynamoDb, URI s3, StaticCredentials credentials) {
    return new AppConfig(stage, bindAddress, port, allowedOrigins, dataDir, maxBodyBytes, shutdownGrace,
        stores, awsRegion, Optional.of(dynamoDb), Optional.of(s3), Optional.of(credentials),
        awsCallTimeout, healthProbeTimeout, bucketNamespace);
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(stage, bindAddress, newPort, allowedOrigins, dataDir, maxBodyBytes, shutdownGrace,
        stores, awsRegion, dynamoDbEndpoint, s3Endpoint, awsCredentials, awsCallTimeout, healthProbeTimeout,
        bucketNamespace);
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
