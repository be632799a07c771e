package dev.apiplatform.server.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.jobs.JobHandler;
import dev.apiplatform.server.jobs.JobRecords;
import dev.apiplatform.server.queue.ReceivedJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Processes one upload: PROCESSING, its metrics written (only while the upload is live, so a
 * delete wins), COMPLETED with what was written. Redelivery is harmless: the metric puts are keyed
 * by upload and metric, and a job already final is skipped (status moves only forward), so an
 * upload reaches COMPLETED once however often its message comes.
 */
final class HealthUploadWorker implements JobHandler {

  private final DynamoHealthUploads uploads;
  private final DynamoHealthMetrics metrics;
  private final JobRecords records;
  private final ObjectMapper json;

  HealthUploadWorker(DynamoHealthUploads uploads, DynamoHealthMetrics metrics, JobRecords records, ObjectMapper json) {
    this.uploads = uploads;
    this.metrics = metrics;
    this.records = records;
    this.json = json;
  }

  @Override
  public void handle(ReceivedJob job) throws Exception {
    JsonNode payload = json.readTree(job.message().payload());
    String userId = payload.path("user_id").asText();
    String processingId = payload.path("processing_id").asText();
    // false: already final, or the job record was deleted with its upload
    if (!records.markProcessing(processingId)) return;
    Optional<HealthUpload> upload = uploads.find(userId, processingId);
    if (upload.isEmpty()) {
      records.fail(processingId, new Problem("/problems/not-found", "Upload not found", 404,
          "The upload was removed before it was processed", null, null, null));
      return;
    }
    HealthUpload u = upload.get();
    if (!metrics.writeWhile(uploads.live(userId, processingId), userId, processingId, u.metrics())) return;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("metrics_processed", u.metrics().size());
    result.put("metric_types", new TreeSet<>(u.metrics().stream().map(HealthUpload.StoredMetricJson::metricType).toList()));
    records.complete(processingId, json.writeValueAsString(result));
  }
}
