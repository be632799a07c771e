package dev.apiplatform.server.echoes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A saved echo: metadata of one confirmed audio object under {@code {userId}/{echoId}.{ext}}. */
public record Echo(String userId, String echoId, String emotion, Instant timestamp, String s3Key, String contentType,
    long fileSize, Optional<Location> location, List<String> tags, Optional<String> transcript,
    Optional<String> detectedMood, Instant createdAt) {

  /** Degrees, kept to 7 decimals (about 1 cm). */
  public record Location(double lat, double lng) {
    public Location {
      lat = degrees(lat);
      lng = degrees(lng);
    }

    /**
     * DynamoDB numbers stop at a magnitude of 1e-130: a schema-valid 3e-276 was refused by the store
     * and answered 503 (Schemathesis ST101). Seven decimals are finer than any phone's fix.
     */
    private static double degrees(double value) {
      return java.math.BigDecimal.valueOf(value).setScale(7, java.math.RoundingMode.HALF_EVEN).doubleValue() + 0.0;
    }
  }

  public Echo {
    tags = List.copyOf(tags);
  }
}
