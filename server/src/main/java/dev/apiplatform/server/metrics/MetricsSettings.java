package dev.apiplatform.server.metrics;

import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.config.Stage;
import java.util.Optional;

/**
 * The metrics section: {@code METRICS_ENABLED} (default true) switches the instrumentation on
 * (request timing, AWS call timing, JVM binders); {@code METRICS_TOKEN} is the bearer secret that
 * {@code GET /metrics} needs in {@code prod} (at least 32 characters; without it, prod answers 401
 * to every scrape). In {@code dev} the exposition is public and a token is ignored.
 */
public record MetricsSettings(boolean enabled, Optional<String> token, boolean tokenRequired) {

  static final int MIN_TOKEN_LENGTH = 32;

  public static MetricsSettings from(Env env, Stage stage) {
    String flag = env.string("METRICS_ENABLED", "true").toLowerCase(java.util.Locale.ROOT);
    if (!flag.equals("true") && !flag.equals("false")) {
      throw new ConfigException("METRICS_ENABLED must be true or false, got '" + flag + "'");
    }
    Optional<String> token = env.raw("METRICS_TOKEN");
    if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
      throw new ConfigException("METRICS_TOKEN must be at least " + MIN_TOKEN_LENGTH + " characters");
    }
    return new MetricsSettings(flag.equals("true"), token, stage == Stage.PROD);
  }
}
