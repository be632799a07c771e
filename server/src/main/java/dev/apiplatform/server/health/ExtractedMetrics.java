package dev.apiplatform.server.health;

import dev.apiplatform.server.platform.Services;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The health metrics store as another group's processing writes to it (HealthKit exports): the
 * upload is registered as a health-data upload with no metrics of its own, so it is listed,
 * polled and GDPR-deleted as one ({@code DELETE /api/v1/health-data/{id}} removes what was
 * extracted, found by the processing id in the metric keys), and the extracted metrics are
 * written only while that upload is live, as health-data's own worker writes.
 */
public final class ExtractedMetrics {

  /** Job kinds under health-data's prefix: its status and delete operations find the job too. */
  public static final String KIND_PREFIX = HealthDataService.KIND_PREFIX;

  private final DynamoHealthUploads uploads;
  private final DynamoHealthMetrics metrics;

  public ExtractedMetrics(Services services) {
    this.uploads = new DynamoHealthUploads(services.aws().dynamoDb(), services.storage());
    this.metrics = new DynamoHealthMetrics(services.aws().dynamoDb(), services.storage());
  }

  /** Registers the upload (idempotent: a second call for the same id changes nothing). */
  public void register(String userId, String processingId, String uploadSource, Instant createdAt) {
    if (uploads.find(userId, processingId).isPresent()) return;
    uploads.create(new HealthUpload(userId, processingId, uploadSource, createdAt, Optional.empty(), List.of()));
  }

  /** Removes the registration of an upload that was never queued (nothing was extracted for it). */
  public void unregister(String userId, String processingId) {
    uploads.find(userId, processingId).ifPresent(uploads::delete);
  }

  /** Whether the upload is still registered (a GDPR delete removes it). */
  public boolean registered(String userId, String processingId) {
    return uploads.find(userId, processingId).isPresent();
  }

  /** Writes the metrics (keyed deterministically, so a rewrite is harmless); false once a delete has begun. */
  public boolean write(String userId, String processingId, List<HealthUpload.StoredMetricJson> extracted) {
    return metrics.writeWhile(uploads.live(userId, processingId), userId, processingId, extracted);
  }
}
