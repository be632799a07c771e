package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bodies and polling for the health-data and healthkit suites. */
final class HealthUploads {

  static final Instant AT = Instant.parse("2025-06-17T10:00:00Z");
  static final String MOCK_PROCESSING_ID = "7d3f9c1e-5a2b-4c8d-9e0f-1a2b3c4d5e6f";
  static final String MOCK_UPLOAD_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

  private HealthUploads() {}

  /** A heart-rate metric measured {@code minutesAfter} minutes after {@link #AT}. */
  static Map<String, Object> heartRate(int minutesAfter, double bpm) {
    return Map.of("metric_type", "HEART_RATE", "created_at", AT.plusSeconds(60L * minutesAfter).toString(),
        "biometric_data", Map.of("heart_rate", bpm));
  }

  static Map<String, Object> steps(int minutesAfter, int steps) {
    return Map.of("metric_type", "ACTIVITY_LEVEL", "created_at", AT.plusSeconds(60L * minutesAfter).toString(),
        "activity_data", Map.of("steps", steps));
  }

  static String upload(List<Map<String, Object>> metrics, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("upload_source", "apple_health");
    body.put("client_timestamp", AT.plusSeconds(3600).toString());
    body.put("metrics", metrics);
    body.putAll(extra);
    return PatGroupTest.json(body);
  }

  static List<Map<String, Object>> heartRates(int n) {
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (int i = 0; i < n; i++) metrics.add(heartRate(i, 60 + i % 40));
    return metrics;
  }

  /** Polls {@code statusPath} until a final status (the worker runs in the platform's JVM). */
  static JsonNode awaitFinal(ContractClient client, String token, String statusPath) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      JsonNode status = ok(client.get(statusPath, bearer(token)), 200).path("data");
      String s = status.path("status").asText();
      if (s.equals("COMPLETED") || s.equals("FAILED") || System.nanoTime() > deadline) return status;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
