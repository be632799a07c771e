package dev.apiplatform.server.metrics;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may scrape: anyone in {@code dev}; in {@code prod} only a request carrying
 * {@code Authorization: Bearer <METRICS_TOKEN>}, compared in constant time. A prod instance
 * without a token configured refuses every scrape (fails closed). The token is never logged.
 */
final class ScrapeAccess {

  private static final String CHALLENGE = "Bearer realm=\"metrics\"";
  private final boolean required;
  private final Optional<byte[]> expected;

  ScrapeAccess(MetricsSettings settings) {
    this.required = settings.tokenRequired();
    this.expected = settings.token().map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
  }

  /** Throws the 401 problem unless {@code authorization} (the header, or null) may scrape. */
  void check(String authorization) {
    if (!required) return;
    if (authorization == null) throw refusal("Scraping needs the instance's metrics token as a bearer token");
    if (expected.isEmpty()
        || !MessageDigest.isEqual(expected.get(), authorization.trim().getBytes(StandardCharsets.UTF_8))) {
      throw refusal("The metrics token is not valid");
    }
  }

  private static ApiException refusal(String detail) {
    return new ApiException(ProblemType.UNAUTHORIZED, "Authentication required", detail, List.of(),
        Map.of("WWW-Authenticate", CHALLENGE));
  }
}
