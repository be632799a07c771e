package dev.apiplatform.server.healthkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.domain.NotPermitted;
import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.error.ProblemType;
import dev.apiplatform.server.health.ExtractedMetrics;
import dev.apiplatform.server.jobs.JobHandler;
import dev.apiplatform.server.jobs.JobRecords;
import dev.apiplatform.server.queue.ReceivedJob;
import dev.apiplatform.server.storage.MediaStore;
import java.io.InputStream;
import java.util.Optional;

/**
 * Processes one export: PROCESSING, the stored export read back as a stream through the same
 * rules as the upload (a presigned PUT was not checked before), the extracted metrics written
 * while the health-data upload is live (a GDPR delete wins), COMPLETED with the extract. The raw
 * export is deleted once the job is final. Redelivery is harmless: metric ids and keys derive
 * from the upload, a final job is skipped, and the export stays until the job is final, so a
 * crash mid-processing is finished by the next delivery. The queue also carries the expiry jobs
 * of presigned uploads ({@link UploadExpiry#KIND}), handed to {@link UploadExpiry}.
 */
final class HealthKitWorker implements JobHandler {

  private final MediaStore exports;
  private final ExtractedMetrics metrics;
  private final JobRecords records;
  private final ExtractedRows rows;
  private final ObjectMapper json;
  private final UploadExpiry expiry;

  HealthKitWorker(MediaStore exports, ExtractedMetrics metrics, JobRecords records, ObjectMapper json,
      UploadExpiry expiry) {
    this.exports = exports;
    this.metrics = metrics;
    this.records = records;
    this.rows = new ExtractedRows(json);
    this.json = json;
    this.expiry = expiry;
  }

  @Override
  public void handle(ReceivedJob job) throws Exception {
    if (UploadExpiry.KIND.equals(job.message().kind())) {
      expiry.handle(job);
      return;
    }
    JsonNode payload = json.readTree(job.message().payload());
    String userId = payload.path("user_id").asText();
    String uploadId = payload.path("upload_id").asText();
    String key = payload.path("key").asText();
    if (!key.startsWith(HealthKitService.KEY_PREFIX + userId + "/")) {
      throw new IllegalStateException("HealthKit job " + uploadId + " names an export outside its owner's prefix");
    }
    // false: already final (a crash after it ended), or deleted with its upload: the export goes
    if (!records.markProcessing(uploadId)) {
      exports.delete(key);
      return;
    }
    if (!metrics.registered(userId, uploadId)) {
      fail(uploadId, key, new Problem(ProblemType.NOT_FOUND.uri(), "Upload not found", 404,
          "The upload was removed before it was processed", null, null, null));
      return;
    }
    Optional<InputStream> stored = exports.open(key);
    if (stored.isEmpty()) {
      fail(uploadId, key, new Problem(ProblemType.NOT_FOUND.uri(), "Export not found", 404,
          "The export was not in storage when processing began", null, null, null));
      return;
    }
    Extraction extraction = new Extraction();
    long bytes;
    try (CountingStream in = new CountingStream(stored.get())) {
      ExportStreams.read(in, new ExportRules(userId, extraction));
      bytes = in.count;
    } catch (InvalidField e) {
      fail(uploadId, key, new Problem(ProblemType.VALIDATION.uri(), "Invalid HealthKit export", 400,
          e.field() + " " + e.message(), null, null, null));
      return;
    } catch (NotPermitted e) {
      fail(uploadId, key, new Problem(ProblemType.FORBIDDEN.uri(), "Forbidden", 403, e.getMessage(), null, null, null));
      return;
    }
    ExtractedRows.Rows out = rows.metrics(uploadId, extraction);
    if (!metrics.write(userId, uploadId, out.metrics())) { // a delete has begun: it removes what was written
      exports.delete(key);
      return;
    }
    records.complete(uploadId, rows.extract(extraction, bytes, out));
    exports.delete(key);
  }

  private void fail(String uploadId, String key, Problem problem) {
    records.fail(uploadId, problem);
    exports.delete(key);
  }

  private static final class CountingStream extends java.io.FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws java.io.IOException {
      int b = super.read();
      if (b >= 0) count++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      int n = super.read(b, off, len);
      if (n > 0) count += n;
      return n;
    }
  }
}
