package dev.apiplatform.server.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.api.model.HealthMetricDto;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.http.ListCursor;
import dev.apiplatform.server.jobs.JobRecord;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.QueueException;
import dev.apiplatform.server.storage.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Health data's rules (seed 003 section 1.2): an upload is the caller's own, stored with its sync
 * token, and queued; its status is its job record (owner only); listing pages by key; a delete
 * removes the upload and everything derived from it and keeps an audit line.
 */
public final class HealthDataService {

  public static final String KIND = "health.upload";
  static final String KIND_PREFIX = "health.";
  private static final Pattern CURSOR_ID = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** An accepted upload as the client sees it. */
  public record Accepted(String processingId, JobRecord job, int metrics) {}

  /** A listing page: metrics as JSON ({@code StoredMetric}), the next cursor, the total. */
  public record Listing(List<String> metricsJson, Optional<String> nextCursor, boolean hasPrevious, int totalCount) {}

  public record Deleted(String processingId, int metricsDeleted, Instant deletedAt) {}

  private final DynamoHealthUploads uploads;
  private final DynamoHealthMetrics metrics;
  private final Services.Jobs jobs;
  private final MetricRules rules;
  private final ObjectMapper json;
  private final Clock clock;

  HealthDataService(DynamoHealthUploads uploads, DynamoHealthMetrics metrics, Services.Jobs jobs, ObjectMapper json,
      Clock clock, long maxUploadJsonChars) {
    this.uploads = uploads;
    this.metrics = metrics;
    this.jobs = jobs;
    this.rules = new MetricRules(json, maxUploadJsonChars);
    this.json = json;
    this.clock = clock;
  }

  public Accepted upload(String caller, Optional<String> userId, List<HealthMetricDto> sent, String uploadSource,
      Instant clientTimestamp, Optional<String> syncToken, String requestId) {
    if (userId.isPresent() && !userId.get().equals(caller)) throw new NotCallersUserId();
    // validated before anything is written: a refused upload leaves no job record behind
    List<HealthUpload.StoredMetricJson> checked = rules.accept(sent, UUID.randomUUID().toString(), uploadSource,
        clientTimestamp);
    if (syncToken.isPresent()) {
      Optional<Accepted> again = uploads.findSync(caller, syncToken.get()).flatMap(id -> accepted(caller, id));
      if (again.isPresent()) return again.get();
    }
    JobRecord job = jobs.records().create(caller, KIND);
    String id = job.jobId();
    // the ids above were drawn before the job existed: the stored metrics carry the job's id
    List<HealthUpload.StoredMetricJson> stored = rules.accept(sent, id, uploadSource, clientTimestamp);
    HealthUpload upload = new HealthUpload(caller, id, uploadSource, job.createdAt(), syncToken, stored);
    Optional<String> holder = uploads.create(upload);
    if (holder.isPresent()) { // another request took this sync token in the meantime
      jobs.records().delete(id);
      return accepted(caller, holder.get()).orElseThrow(() -> new StoreUnavailableException("Sync token race"));
    }
    try {
      jobs.queue().enqueue(HealthDataGroup.QUEUE, new JobMessage(KIND, id, requestId,
          json.writeValueAsString(Map.of("user_id", caller, "processing_id", id)), clock.instant()));
    } catch (QueueException | JsonProcessingException e) {
      // not accepted after all: nothing is left that would never be processed
      uploads.delete(upload);
      jobs.records().delete(id);
      throw new StoreUnavailableException("Queueing the upload failed", e);
    }
    return new Accepted(id, job, stored.size());
  }

  private Optional<Accepted> accepted(String caller, String processingId) {
    return uploads.find(caller, processingId).flatMap(u -> jobs.records().find(processingId)
        .map(job -> new Accepted(processingId, job, u.metrics().size())));
  }

  /** The caller's upload's job; someone else's is the same 404 as none. */
  public JobRecord status(String caller, String processingId) {
    try {
      return jobs.status().ownedBy(processingId, caller, KIND_PREFIX);
    } catch (dev.apiplatform.server.domain.NotFound e) {
      throw new HealthUploadNotFound(processingId);
    }
  }

  public Listing list(String caller, int limit, Optional<String> cursor, Optional<String> metricType,
      Optional<Instant> from, Optional<Instant> to) {
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new InvalidField("query.end_date", "must be after start_date", "order");
    }
    Optional<String> after = cursor.map(c -> ListCursor.decode(c, CURSOR_ID).listKey());
    DynamoHealthMetrics.Filter filter = new DynamoHealthMetrics.Filter(caller, from, to, metricType);
    DynamoHealthMetrics.Page page = metrics.page(filter, after, limit);
    Optional<String> next = page.hasNext()
        ? page.lastKey().map(k -> new ListCursor(k, k.substring(k.indexOf('#') + 1)).encode())
        : Optional.empty();
    return new Listing(page.metricsJson(), next, cursor.isPresent(), metrics.count(filter));
  }

  /**
   * Flag, then remove: once flagged no worker writes for the upload, so what is deleted stays
   * deleted; a delete that fails halfway finds the flagged upload again and finishes.
   */
  public Deleted delete(String caller, String processingId, String requestId) {
    HealthUpload upload = uploads.find(caller, processingId).orElseThrow(() -> new HealthUploadNotFound(processingId));
    if (!uploads.markDeleting(caller, processingId)) throw new HealthUploadNotFound(processingId);
    for (HealthUpload.StoredMetricJson m : upload.metrics()) {
      metrics.delete(caller, DynamoHealthMetrics.key(m.createdAt(), processingId, m.metricId()));
    }
    // metrics not listed on the upload item (extracted from a HealthKit export) are found by key
    int deleted = upload.metrics().size() + metrics.deleteUpload(caller, processingId);
    jobs.records().delete(processingId);
    Instant now = clock.instant();
    uploads.audit(caller, processingId, now, deleted, requestId);
    uploads.delete(upload);
    return new Deleted(processingId, deleted, now);
  }

  /** Throws a StorageException (answered 503) when the store is down. */
  public void checkHealth() {
    uploads.ping();
  }
}
