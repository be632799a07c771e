package dev.apiplatform.server.echoes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A saved echo: metadata of one confirmed audio object under {@code {userId}/{echoId}.{ext}}. */
public record Echo(String userId, String echoId, String emotion, Instant timestamp, String s3Key, String contentType,
    long fileSize, Optional<Location> location, List<String> tags, Optional<String> transcript,
    Optional<String> detectedMood, Instant createdAt) {

  public record Location(double lat, double lng) {}

  public Echo {
    tags = List.copyOf(tags);
  }
}
