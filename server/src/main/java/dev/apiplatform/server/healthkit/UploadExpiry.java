package dev.apiplatform.server.healthkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.error.ProblemType;
import dev.apiplatform.server.health.ExtractedMetrics;
import dev.apiplatform.server.jobs.DeadlineJobs;
import dev.apiplatform.server.jobs.JobRecord;
import dev.apiplatform.server.jobs.JobRecords;
import dev.apiplatform.server.jobs.JobStatus;
import dev.apiplatform.server.queue.ReceivedJob;
import dev.apiplatform.server.storage.MediaStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a presigned upload that was never completed: at init an expiry job goes on the
 * upload queue, due at the upload's deadline (the URL's lifetime plus a grace period;
 * {@link DeadlineJobs}). At the deadline an upload still PENDING and never completed ends FAILED
 * with a 410 {@link ProblemType#UPLOAD_EXPIRED} problem and its export, if one was PUT, is
 * deleted. An upload that was completed (its health-data upload row exists) belongs to its
 * processing job; a deleted one only loses what may have been PUT.
 */
final class UploadExpiry {

  /** The message kind of expiry jobs on {@link HealthKitGroup#QUEUE} (processing jobs carry {@link HealthKitService#KIND}). */
  static final String KIND = "healthkit.expiry";
  static final String DETAIL = "The upload was not completed before its URL expired; start a new upload";

  private final MediaStore exports;
  private final ExtractedMetrics metrics;
  private final JobRecords records;
  private final DeadlineJobs deadlines;

  UploadExpiry(MediaStore exports, ExtractedMetrics metrics, JobRecords records, DeadlineJobs deadlines) {
    this.exports = exports;
    this.metrics = metrics;
    this.records = records;
    this.deadlines = deadlines;
  }

  /** Queues the expiry of {@code uploadId} at {@code deadline}; a refusal is the caller's 503. */
  void schedule(String userId, String uploadId, String key, Instant deadline, String requestId) {
    deadlines.schedule(HealthKitGroup.QUEUE, KIND, uploadId + ":expiry", requestId, deadline,
        Map.of("user_id", userId, "upload_id", uploadId, "key", key));
  }

  /** One delivery of an expiry job: not yet due puts it back; due fails an abandoned upload. */
  void handle(ReceivedJob job) throws Exception {
    Optional<JsonNode> due = deadlines.whenDue(HealthKitGroup.QUEUE, job);
    if (due.isEmpty()) return;
    String userId = due.get().path("user_id").asText();
    String uploadId = due.get().path("upload_id").asText();
    String key = due.get().path("key").asText();
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
    expire(uploadId, key);
  }

  /**
   * The upload ends FAILED (410 upload-expired) unless something else ended it first; its export
   * goes first. Only past the deadline, when nothing can complete the upload any more, so deleting
   * first takes nothing from a processing job; and in this order a FAILED upload never still has
   * its export (a reader that sees FAILED sees it gone), and a crash between the two leaves the
   * upload PENDING, so the job's redelivery deletes (again) and fails it. The other order left the
   * export behind for good when a crash came between: the redelivery found the upload FAILED.
   */
  void expire(String uploadId, String key) {
    exports.delete(key);
    records.fail(uploadId, problem());
  }

  static Problem problem() {
    return new Problem(ProblemType.UPLOAD_EXPIRED.uri(), "Upload expired", ProblemType.UPLOAD_EXPIRED.status(), DETAIL,
        null, null, null);
  }
}
