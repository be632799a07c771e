package dev.apiplatform.server.healthkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.error.ProblemType;
import dev.apiplatform.server.health.ExtractedMetrics;
import dev.apiplatform.server.jobs.JobRecord;
import dev.apiplatform.server.jobs.JobRecords;
import dev.apiplatform.server.jobs.JobStatus;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.JobQueue;
import dev.apiplatform.server.queue.QueueException;
import dev.apiplatform.server.queue.ReceivedJob;
import dev.apiplatform.server.storage.MediaStore;
import dev.apiplatform.server.storage.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a presigned upload that was never completed: at init an expiry job goes on the
 * upload queue (SQS delays at most 15 minutes, so the job puts itself back until the upload's
 * deadline, the URL's lifetime plus a grace period). At the deadline an upload still PENDING and
 * never completed ends FAILED with a 410 {@link ProblemType#UPLOAD_EXPIRED} problem and its
 * export, if one was PUT, is deleted. An upload that was completed (its health-data upload row
 * exists) belongs to its processing job; a deleted one only loses what may have been PUT.
 */
final class UploadExpiry {

  /** The message kind of expiry jobs on {@link HealthKitGroup#QUEUE} (processing jobs carry {@link HealthKitService#KIND}). */
  static final String KIND = "healthkit.expiry";
  static final Duration MAX_DELAY = Duration.ofMinutes(15);
  static final String DETAIL = "The upload was not completed before its URL expired; start a new upload";

  private final MediaStore exports;
  private final ExtractedMetrics metrics;
  private final JobRecords records;
  private final JobQueue queue;
  private final ObjectMapper json;
  private final Clock clock;

  UploadExpiry(MediaStore exports, ExtractedMetrics metrics, JobRecords records, JobQueue queue, ObjectMapper json,
      Clock clock) {
    this.exports = exports;
    this.metrics = metrics;
    this.records = records;
    this.queue = queue;
    this.json = json;
    this.clock = clock;
  }

  /** Queues the expiry of {@code uploadId} at {@code deadline}; a refusal is the caller's 503. */
  void schedule(String userId, String uploadId, String key, Instant deadline, String requestId) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("user_id", userId);
    payload.put("upload_id", uploadId);
    payload.put("key", key);
    payload.put("deadline", deadline.toString());
    String body;
    try {
      body = json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expiry payload not serialisable", e);
    }
    enqueue(uploadId, requestId, body);
  }

  private void enqueue(String uploadId, String requestId, String payload) {
    Instant now = clock.instant();
    Duration delay = Duration.between(now, deadlineOf(payload));
    if (delay.isNegative()) delay = Duration.ZERO;
    if (delay.compareTo(MAX_DELAY) > 0) delay = MAX_DELAY;
    try {
      queue.enqueue(HealthKitGroup.QUEUE, new JobMessage(KIND, uploadId + ":expiry", requestId, payload, now), delay);
    } catch (QueueException e) {
      throw new StoreUnavailableException("Queueing the HealthKit upload's expiry failed", e);
    }
  }

  private Instant deadlineOf(String payload) {
    try {
      return Instant.parse(json.readTree(payload).path("deadline").asText());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expiry payload is not JSON", e);
    }
  }

  /** One delivery of an expiry job: not yet due puts it back; due fails an abandoned upload. */
  void handle(ReceivedJob job) throws Exception {
    JsonNode payload = json.readTree(job.message().payload());
    String userId = payload.path("user_id").asText();
    String uploadId = payload.path("upload_id").asText();
    String key = payload.path("key").asText();
    if (!key.startsWith(HealthKitService.KEY_PREFIX + userId + "/")) {
      throw new IllegalStateException("HealthKit expiry " + uploadId + " names an export outside its owner's prefix");
    }
    Optional<JobRecord> record = records.find(uploadId);
    if (record.isEmpty()) { // deleted with its health data: what may have been PUT goes too
      exports.delete(key);
      return;
    }
    if (!record.get().ownerId().equals(userId)) {
      throw new IllegalStateException("HealthKit expiry " + uploadId + " names another owner");
    }
    if (record.get().status() != JobStatus.PENDING || metrics.registered(userId, uploadId)) {
      return; // completed: its processing job owns the upload and its export
    }
    if (clock.instant().isBefore(Instant.parse(payload.path("deadline").asText()))) {
      enqueue(uploadId, job.message().requestId(), job.message().payload());
      return;
    }
    expire(uploadId, key);
  }

  /** The upload ends FAILED (410 upload-expired) unless something else ended it first; its export goes. */
  void expire(String uploadId, String key) {
    records.fail(uploadId, problem());
    exports.delete(key);
  }

  static Problem problem() {
    return new Problem(ProblemType.UPLOAD_EXPIRED.uri(), "Upload expired", ProblemType.UPLOAD_EXPIRED.status(), DETAIL,
        null, null, null);
  }
}
