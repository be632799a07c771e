package dev.apiplatform.server.healthkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.api.HealthkitApi;
import dev.apiplatform.server.api.model.HealthKitExtractDto;
import dev.apiplatform.server.api.model.HealthKitInitUploadDto;
import dev.apiplatform.server.api.model.HealthKitPresignedUploadDto;
import dev.apiplatform.server.api.model.HealthKitPresignedUploadEnvelopeDto;
import dev.apiplatform.server.api.model.HealthKitUploadStatusDto;
import dev.apiplatform.server.api.model.HealthKitUploadStatusEnvelopeDto;
import dev.apiplatform.server.api.model.JobStatusDto;
import dev.apiplatform.server.api.model.ProblemDto;
import dev.apiplatform.server.api.model.ResponseMetadataDto;
import dev.apiplatform.server.http.RequestLogFilter;
import dev.apiplatform.server.jobs.JobRecord;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** HealthKit uploads (seed 003 section 1.5): each operation is one call into {@link HealthKitService}. */
public final class HealthKitResource implements HealthkitApi {

  static final String SERVICE = "healthkit";
  static final String ROOT = "/api/v1/healthkit";

  private final HealthKitService healthkit;
  private final ObjectMapper json;
  private final Clock clock;
  private final String version;

  @Context private SecurityContext security;
  // a Provider: the resource is a singleton, the request is not
  @Context private Provider<ContainerRequestContext> request;

  HealthKitResource(HealthKitService healthkit, ObjectMapper json, Clock clock, String version) {
    this.healthkit = healthkit;
    this.json = json;
    this.clock = clock;
    this.version = version;
  }

  @Override
  public HealthKitUploadStatusEnvelopeDto healthkitUpload(InputStream body, String idempotencyKey) {
    String caller = caller();
    // the edge lets this body through only with a Content-Length (x-body: mode: stream)
    long length = request.get().getLength();
    JobRecord job = healthkit.upload(caller, body, length, Optional.ofNullable(idempotencyKey), requestId());
    return envelope(job);
  }

  @Override
  public HealthKitPresignedUploadEnvelopeDto healthkitInitUpload(HealthKitInitUploadDto body) {
    HealthKitService.Presigned p = healthkit.initUpload(caller(), body.getFileSize(), requestId());
    HealthKitPresignedUploadDto data = new HealthKitPresignedUploadDto(p.uploadId(), p.url(),
        HealthKitPresignedUploadDto.MethodEnum.PUT, p.headers(), p.expiresIn(),
        ROOT + "/upload-url/" + p.uploadId() + "/complete");
    return new HealthKitPresignedUploadEnvelopeDto(data, metadata());
  }

  @Override
  public HealthKitUploadStatusEnvelopeDto healthkitCompleteUpload(String uploadId) {
    return envelope(healthkit.completeUpload(caller(), uploadId, requestId()));
  }

  @Override
  public HealthKitUploadStatusEnvelopeDto healthkitUploadStatus(String uploadId) {
    return envelope(healthkit.status(caller(), uploadId));
  }

  private HealthKitUploadStatusEnvelopeDto envelope(JobRecord job) {
    HealthKitUploadStatusDto data = new HealthKitUploadStatusDto(job.jobId(),
        JobStatusDto.fromValue(job.status().name()), ROOT + "/upload-status/" + job.jobId(), utc(job.createdAt()),
        utc(job.updatedAt()));
    job.result().ifPresent(r -> data.extract(read(r)));
    job.error().ifPresent(p -> data.error(new ProblemDto(p.type(), p.title(), p.status()).detail(p.detail())));
    return new HealthKitUploadStatusEnvelopeDto(data, metadata());
  }

  private HealthKitExtractDto read(String text) {
    try {
      return json.readValue(text, HealthKitExtractDto.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored HealthKit extract is unreadable", e);
    }
  }

  private String caller() {
    return CurrentUser.require(security).userId();
  }

  private String requestId() {
    return RequestLogFilter.requestId(request.get());
  }

  private ResponseMetadataDto metadata() {
    return new ResponseMetadataDto(requestId(), utc(clock.instant()), SERVICE, version,
        RequestLogFilter.elapsedMillis(request.get()));
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
