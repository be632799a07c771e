package dev.apiplatform.server.health;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One accepted upload as stored until its owner deletes it.
 *
 * @param metrics the metrics as they will be listed (ids assigned, {@code created_at} filled), one JSON object each
 */
public record HealthUpload(String userId, String processingId, String uploadSource, Instant createdAt,
    Optional<String> syncToken, List<StoredMetricJson> metrics) {

  /** A metric's listing key parts and its JSON ({@code StoredMetric} of the contract). */
  public record StoredMetricJson(String metricId, String metricType, Instant createdAt, String json) {}
}
