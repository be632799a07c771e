package dev.apiplatform.mock;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a mock runs: where it listens, what it checks and whether it keeps state. The defaults
 * are the safe ones for a prototyping team: loopback only, requests validated, bearer tokens
 * required where the contract requires them, examples (not state) served.
 *
 * @param host interface to bind ({@code 127.0.0.1}; {@code 0.0.0.0} for all)
 * @param port TCP port ({@code 0}: a free one)
 * @param spec self-contained OpenAPI document, or {@code null} for the bundle on the classpath
 * @param validate check requests against the contract (body, content type, parameters)
 * @param stateful serve the contract's CRUD collections from memory instead of examples
 * @param seed seed of {@code Prefer: dynamic=true} data
 * @param verifyWith JWKS URL that bearer tokens must be signed by, or {@code null} for any
 *     well-formed JWT
 * @param allowedOrigins CORS origins ({@code *} or exact origins), as the platform's
 *     {@code ALLOWED_ORIGINS}
 * @param journalSize how many requests {@code /__mock/requests} keeps
 * @param maxBodyBytes larger request bodies get 413, as the platform's {@code MAX_BODY_BYTES}
 */
public record MockOptions(String host, int port, Path spec, boolean validate, boolean stateful,
    long seed, URI verifyWith, List<String> allowedOrigins, int journalSize, long maxBodyBytes) {

  public static final int DEFAULT_PORT = 4010;

  public MockOptions {
    Objects.requireNonNull(host, "host");
    allowedOrigins = List.copyOf(allowedOrigins);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Port out of range: " + port);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    if (journalSize < 0) {
      throw new IllegalArgumentException("journalSize must be >= 0");
    }
  }

  /** Loopback, port 4010, the classpath bundle, validation on, stateless, seed 0, any JWT. */
  public static MockOptions defaults() {
    return new MockOptions("127.0.0.1", DEFAULT_PORT, null, true, false, 0L, null, List.of("*"), 1000, 1_048_576L);
  }

  public MockOptions withHost(String value) {
    return new MockOptions(value, port, spec, validate, stateful, seed, verifyWith, allowedOrigins, journalSize, maxBodyBytes);
  }

  public MockOptions withPort(int value) {
    return new MockOptions(host, value, spec, validate, stateful, seed, verifyWith, allowedOrigins, journalSize, maxBodyBytes);
  }

  public MockOptions withSpec(Path value) {
    return new MockOptions(host, port, value, validate, stateful, seed, verifyWith, allowedOrigins, journalSize, maxBodyBytes);
  }

  public MockOptions withValidation(boolean value) {
    return new MockOptions(host, port, spec, value, stateful, seed, verifyWith, allowedOrigins, journalSize, maxBodyBytes);
  }

  public MockOptions withStateful(boolean value) {
    return new MockOptions(host, port, spec, validate, value, seed, verifyWith, allowedOrigins, journalSize, maxBodyBytes);
  }

  public MockOptions withSeed(long value) {
    return new MockOptions(host, port, spec, validate, stateful, value, verifyWith, allowedOrigins, journalSize, maxBodyBytes);
  }

  public MockOptions withVerifyWith(URI jwksUrl) {
    return new MockOptions(host, port, spec, validate, stateful, seed, jwksUrl, allowedOrigins, journalSize, maxBodyBytes);
  }

  public MockOptions withAllowedOrigins(List<String> value) {
    return new MockOptions(host, port, spec, validate, stateful, seed, verifyWith, value, journalSize, maxBodyBytes);
  }

  public MockOptions withMaxBodyBytes(long value) {
    return new MockOptions(host, port, spec, validate, stateful, seed, verifyWith, allowedOrigins, journalSize, value);
  }

  public MockOptions withJournalSize(int value) {
    return new MockOptions(host, port, spec, validate, stateful, seed, verifyWith, allowedOrigins, value, maxBodyBytes);
  }
}
