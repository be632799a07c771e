package dev.apiplatform.server.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.api.HealthDataApi;
import dev.apiplatform.server.api.model.DeletionDto;
import dev.apiplatform.server.api.model.DeletionEnvelopeDto;
import dev.apiplatform.server.api.model.HealthDataServiceHealthDto;
import dev.apiplatform.server.api.model.HealthDataUploadDto;
import dev.apiplatform.server.api.model.HealthMetricPageDto;
import dev.apiplatform.server.api.model.HealthMetricTypeDto;
import dev.apiplatform.server.api.model.JobStatusDto;
import dev.apiplatform.server.api.model.PageLinksDto;
import dev.apiplatform.server.api.model.PaginationDto;
import dev.apiplatform.server.api.model.ProblemDto;
import dev.apiplatform.server.api.model.ProcessingStatusDto;
import dev.apiplatform.server.api.model.ProcessingStatusEnvelopeDto;
import dev.apiplatform.server.api.model.ResponseMetadataDto;
import dev.apiplatform.server.api.model.StoredMetricDto;
import dev.apiplatform.server.api.model.UploadAcceptedDto;
import dev.apiplatform.server.api.model.UploadAcceptedEnvelopeDto;
import dev.apiplatform.server.http.RequestLogFilter;
import dev.apiplatform.server.idempotency.Idempotency;
import dev.apiplatform.server.jobs.JobRecord;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Health data (seed 003 section 1.2): each operation is one call into {@link HealthDataService}. */
public final class HealthDataResource implements HealthDataApi {

  static final String SERVICE = "health-data";
  static final String ROOT = "/api/v1/health-data";

  private final HealthDataService health;
  private final Idempotency idempotency;
  private final ObjectMapper json;
  private final Clock clock;
  private final String version;

  @Context private SecurityContext security;
  // a Provider: the resource is a singleton, the request is not
  @Context private Provider<ContainerRequestContext> request;

  HealthDataResource(HealthDataService health, Idempotency idempotency, ObjectMapper json, Clock clock,
      String version) {
    this.health = health;
    this.idempotency = idempotency;
    this.json = json;
    this.clock = clock;
    this.version = version;
  }

  @Override
  public UploadAcceptedEnvelopeDto healthDataUpload(HealthDataUploadDto body, String idempotencyKey) {
    String caller = caller();
    String requestId = RequestLogFilter.requestId(request.get());
    UploadAcceptedDto data = idempotency.run(caller, Optional.ofNullable(idempotencyKey), "healthData_upload", body,
        UploadAcceptedDto.class, () -> {
          HealthDataService.Accepted a = health.upload(caller, Optional.ofNullable(body.getUserId()), body.getMetrics(),
              body.getUploadSource(), body.getClientTimestamp().toInstant(), Optional.ofNullable(body.getSyncToken()),
              requestId);
          return new UploadAcceptedDto(a.processingId(), JobStatusDto.fromValue(a.job().status().name()),
              ROOT + "/processing/" + a.processingId(), a.metrics(), utc(a.job().createdAt()));
        });
    return new UploadAcceptedEnvelopeDto(data, metadata());
  }

  @Override
  public ProcessingStatusEnvelopeDto healthDataGetProcessing(String processingId) {
    JobRecord job = health.status(caller(), processingId);
    ProcessingStatusDto data = new ProcessingStatusDto(job.jobId(), JobStatusDto.fromValue(job.status().name()),
        utc(job.createdAt()), utc(job.updatedAt()), job.attempts());
    job.result().map(this::tree).ifPresent(r -> {
      data.metricsProcessed(r.path("metrics_processed").asInt());
      r.path("metric_types").forEach(t -> data.addMetricTypesItem(HealthMetricTypeDto.fromValue(t.asText())));
    });
    job.error().ifPresent(p -> data.error(new ProblemDto(p.type(), p.title(), p.status()).detail(p.detail())));
    return new ProcessingStatusEnvelopeDto(data, metadata());
  }

  @Override
  public HealthMetricPageDto healthDataList(Integer limit, String cursor, String metricType, String startDate,
      String endDate) {
    int size = limit == null ? 50 : limit;
    HealthDataService.Listing page = health.list(caller(), size, Optional.ofNullable(cursor),
        Optional.ofNullable(metricType), instant("query.start_date", startDate), instant("query.end_date", endDate));
    List<StoredMetricDto> data = page.metricsJson().stream().map(m -> read(m, StoredMetricDto.class)).toList();
    String filters = query("limit", Integer.toString(size)) + optional("metric_type", metricType)
        + optional("start_date", startDate) + optional("end_date", endDate);
    PaginationDto pagination = new PaginationDto(size, page.nextCursor().isPresent(), page.hasPrevious(),
        page.totalCount());
    page.nextCursor().ifPresent(pagination::nextCursor);
    PageLinksDto links = new PageLinksDto(ROOT + "?" + filters + optional("cursor", cursor), ROOT + "?" + filters);
    page.nextCursor().ifPresent(c -> links.next(ROOT + "?" + filters + optional("cursor", c)));
    return new HealthMetricPageDto(data, pagination, links, metadata());
  }

  @Override
  public DeletionEnvelopeDto healthDataDelete(String processingId) {
    HealthDataService.Deleted d = health.delete(caller(), processingId, RequestLogFilter.requestId(request.get()));
    return new DeletionEnvelopeDto(new DeletionDto(d.processingId(), true, d.metricsDeleted(), utc(d.deletedAt())),
        metadata());
  }

  @Override
  public HealthDataServiceHealthDto healthDataHealth() {
    health.checkHealth();
    return new HealthDataServiceHealthDto(HealthDataServiceHealthDto.StatusEnum.HEALTHY, SERVICE,
        utc(clock.instant()));
  }

  private String caller() {
    return CurrentUser.require(security).userId();
  }

  private ResponseMetadataDto metadata() {
    return new ResponseMetadataDto(RequestLogFilter.requestId(request.get()), utc(clock.instant()), SERVICE, version,
        RequestLogFilter.elapsedMillis(request.get()));
  }

  private static OffsetDateTime utc(java.time.Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  private static Optional<java.time.Instant> instant(String field, String value) {
    if (value == null) return Optional.empty();
    try {
      return Optional.of(OffsetDateTime.parse(value).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      throw new dev.apiplatform.server.domain.InvalidField(field, "must be an RFC 3339 date-time that exists", "format");
    }
  }

  private static String query(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String optional(String name, Object value) {
    return value == null ? "" : "&" + query(name, value.toString());
  }

  private JsonNode tree(String text) {
    return read(text, JsonNode.class);
  }

  private <T> T read(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored health data is unreadable", e);
    }
  }
}
