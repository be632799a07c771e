package dev.apiplatform.server.healthkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.error.ProblemType;
import dev.apiplatform.server.domain.NotFound;
import dev.apiplatform.server.health.ExtractedMetrics;
import dev.apiplatform.server.idempotency.Idempotency;
import dev.apiplatform.server.jobs.JobRecord;
import dev.apiplatform.server.jobs.JobStatus;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.QueueException;
import dev.apiplatform.server.storage.MediaStore;
import dev.apiplatform.server.storage.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * HealthKit uploads (seed 003 section 1.5): an export is stored under its owner's prefix
 * ({@code healthkit/<user>/...}), then becomes one job on the platform queue and one health-data
 * upload (so its metrics are listed and GDPR-deleted with health data). The streamed body is
 * checked by {@link ExportRules} on its way to storage; a refused one is deleted again.
 */
final class HealthKitService {

  static final String KIND = ExtractedMetrics.KIND_PREFIX + "healthkit";
  static final String KEY_PREFIX = "healthkit/";
  /** The {@code error.detail} of a presigned upload whose completion could not be queued. */
  static final String NOT_QUEUED = "The upload could not be queued for processing; start a new upload";

  /** The {@code detail} of the 503 of a streamed upload that found every part buffer in use. */
  static final String BUSY = "Too many uploads are being stored at once; retry shortly";
  /** Seconds: a part buffer is free again once a write of one part ends, about a second under load. */
  static final String BUSY_RETRY_AFTER = "1";

  /** What an Idempotency-Key replays: the first upload and its stored export. */
  public record Started(String uploadId, String key) {}

  /** The bytes an Idempotency-Key fingerprints (the body is never held to hash it as JSON). */
  public record Fingerprint(String sha256, long bytes) {}

  record Presigned(String uploadId, String url, Map<String, String> headers, int expiresIn) {}

  private final MediaStore exports;
  private final ExtractedMetrics metrics;
  private final Services.Jobs jobs;
  private final Idempotency idempotency;
  private final ObjectMapper json;
  private final Clock clock;
  private final long maxBytes;
  private final HealthKitGroup.Settings settings;
  private final UploadExpiry expiry;

  HealthKitService(MediaStore exports, ExtractedMetrics metrics, Services.Jobs jobs, Idempotency idempotency,
      ObjectMapper json, Clock clock, long maxBytes, HealthKitGroup.Settings settings, UploadExpiry expiry) {
    this.exports = exports;
    this.metrics = metrics;
    this.jobs = jobs;
    this.idempotency = idempotency;
    this.json = json;
    this.clock = clock;
    this.maxBytes = maxBytes;
    this.settings = settings;
    this.expiry = expiry;
  }

  /** Streams {@code body} ({@code length} bytes, checked) to storage and queues it. */
  JobRecord upload(String caller, InputStream body, long length, Optional<String> idempotencyKey, String requestId) {
    String key = KEY_PREFIX + caller + "/" + UUID.randomUUID() + ".json";
    ExportStreams.Checked checked = new ExportStreams.Checked(body, new ExportRules(caller, s -> {}));
    try {
      exports.put(key, "application/json", checked, length);
      // the store reads exactly `length` bytes: the end of the body is checked here
      if (checked.read(new byte[1]) >= 0 || !checked.complete()) {
        throw new InvalidField("body", "is longer than its Content-Length", "json");
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      deleteQuietly(key); // the client left, or sent less than it announced
      throw new InvalidField("body", "ended before its Content-Length", "json");
    } catch (MediaStore.MediaBusyException e) {
      // refused before a byte was read or stored: nothing to delete, the same request can be sent again
      throw new ApiException(ProblemType.UNAVAILABLE, "Service unavailable", BUSY, List.of(),
          Map.of("Retry-After", BUSY_RETRY_AFTER));
    } catch (MediaStore.MediaUnavailableException e) {
      deleteQuietly(key); // an aborted multipart upload stores nothing; a failed single PUT neither
      throw new StoreUnavailableException("Storing the HealthKit export failed", e);
    } catch (RuntimeException e) {
      deleteQuietly(key);
      throw e;
    }
    Started started;
    try {
      started = idempotency.run(caller, idempotencyKey, "healthkit_upload",
          new Fingerprint(checked.sha256(), checked.bytes()), Started.class,
          () -> start(caller, key, checked.bytes(), requestId));
    } catch (RuntimeException e) {
      deleteQuietly(key);
      throw e;
    }
    if (!started.key().equals(key)) deleteQuietly(key); // a replay: the first upload's export is the one processed
    return status(caller, started.uploadId());
  }

  /**
   * The job, its health-data upload, then the queue. Until the enqueue is done the client has no
   * upload id: when any step fails it is answered 503 and nothing stays behind (no PENDING job
   * and no upload row that nothing would ever process; the caller deletes the export).
   */
  private Started start(String caller, String key, long bytes, String requestId) {
    JobRecord job = jobs.records().create(caller, KIND);
    try {
      metrics.register(caller, job.jobId(), ExtractedRows.UPLOAD_SOURCE, job.createdAt());
      enqueue(caller, job.jobId(), key, bytes, requestId);
    } catch (RuntimeException e) {
      forget(caller, job.jobId(), e);
      throw e;
    }
    return new Started(job.jobId(), key);
  }

  /** Removes the upload row and the job of an upload that was not accepted; what fails here rides on {@code cause}. */
  private void forget(String caller, String uploadId, RuntimeException cause) {
    try {
      metrics.unregister(caller, uploadId);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
    try {
      jobs.records().delete(uploadId);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private void enqueue(String caller, String uploadId, String key, long bytes, String requestId) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("user_id", caller);
    payload.put("upload_id", uploadId);
    payload.put("key", key);
    payload.put("bytes", bytes);
    try {
      jobs.queue().enqueue(HealthKitGroup.QUEUE, new JobMessage(KIND, uploadId, requestId,
          json.writeValueAsString(payload), clock.instant()));
    } catch (QueueException | JsonProcessingException e) {
      throw new StoreUnavailableException("Queueing the HealthKit upload failed", e);
    }
  }

  /**
   * A presigned PUT for an export of {@code fileSize} bytes; the upload is PENDING from now on, and
   * its expiry is queued before the client learns its id (a refused expiry is a 503, no upload).
   */
  Presigned initUpload(String caller, long fileSize, String requestId) {
    if (fileSize > maxBytes) throw new InvalidField("body.file_size", "must be at most " + maxBytes, "maximum");
    JobRecord job = jobs.records().create(caller, KIND);
    String key = presignedKey(caller, job.jobId());
    try {
      expiry.schedule(caller, job.jobId(), key, deadline(job), requestId);
    } catch (RuntimeException e) {
      try {
        jobs.records().delete(job.jobId());
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    String url = exports.presignUpload(key, "application/json", fileSize, settings.urlTtl());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Content-Length", Long.toString(fileSize));
    return new Presigned(job.jobId(), url, headers, (int) settings.urlTtl().toSeconds());
  }

  /** When a presigned upload not completed by then ends FAILED: the URL's lifetime plus the grace. */
  private Instant deadline(JobRecord job) {
    return job.createdAt().plus(settings.urlTtl()).plus(settings.grace());
  }

  /** Queues an export PUT to its presigned URL; again for the same upload answers its status. */
  JobRecord completeUpload(String caller, String uploadId, String requestId) {
    JobRecord job = status(caller, uploadId);
    if (job.status() != JobStatus.PENDING) return job;
    String key = presignedKey(caller, uploadId);
    if (!clock.instant().isBefore(deadline(job)) && !metrics.registered(caller, uploadId)) {
      expiry.expire(uploadId, key); // too late: the same end as the expiry job's
      return status(caller, uploadId);
    }
    MediaStore.StoredObject stored = exports.head(key)
        .orElseThrow(() -> new HealthKitUploadNotFound(uploadId, ": nothing was PUT to its URL"));
    metrics.register(caller, uploadId, ExtractedRows.UPLOAD_SOURCE, job.createdAt());
    try {
      enqueue(caller, uploadId, key, stored.size(), requestId);
    } catch (StoreUnavailableException e) {
      // the client holds this upload id: it ends FAILED with the reason (its status says so), not
      // PENDING with nothing queued; FAILED deletes the export, as the worker's FAILED does
      jobs.records().fail(uploadId, new Problem(ProblemType.UNAVAILABLE.uri(), "Service unavailable", 503,
          NOT_QUEUED, null, null, null));
      deleteQuietly(key);
      throw e;
    }
    return job;
  }

  private static String presignedKey(String caller, String uploadId) {
    return KEY_PREFIX + caller + "/" + uploadId + ".json";
  }

  /** The caller's upload's job; someone else's is the same 404 as none. */
  JobRecord status(String caller, String uploadId) {
    try {
      return jobs.status().ownedBy(uploadId, caller, KIND);
    } catch (NotFound e) {
      throw new HealthKitUploadNotFound(uploadId, "");
    }
  }

  private void deleteQuietly(String key) {
    try {
      exports.delete(key);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(HealthKitService.class).warn("Could not delete refused export {}", key, e);
    }
  }
}
