package dev.apiplatform.server.pat;

import dev.apiplatform.server.api.PatApi;
import dev.apiplatform.server.api.model.ActigraphyDataPointDto;
import dev.apiplatform.server.api.model.ActigraphyInputDto;
import dev.apiplatform.server.api.model.AnalysisEnvelopeDto;
import dev.apiplatform.server.api.model.AnalysisResultDto;
import dev.apiplatform.server.api.model.ModelInfoResponseDto;
import dev.apiplatform.server.api.model.PatHealthDto;
import dev.apiplatform.server.api.model.ResponseMetadataDto;
import dev.apiplatform.server.api.model.StepDataRequestDto;
import dev.apiplatform.server.http.RequestLogFilter;
import dev.apiplatform.server.pat.analysis.ModelInfo;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** PAT (seed 003 section 1.3): each operation is one call into {@link PatService}. */
public final class PatResource implements PatApi {

  static final String SERVICE = "pat";

  private final PatService pat;
  private final Clock clock;
  private final String version;

  @Context private SecurityContext security;
  // a Provider: the resource is a singleton, the request is not
  @Context private Provider<ContainerRequestContext> request;

  public PatResource(PatService pat, Clock clock, String version) {
    this.pat = pat;
    this.clock = clock;
    this.version = version;
  }

  @Override
  public AnalysisEnvelopeDto patAnalyzeStepData(StepDataRequestDto body) {
    List<PatService.StepSample> samples = body.getStepData().stream()
        .map(s -> new PatService.StepSample(s.getStartDate().toInstant(), s.getEndDate().toInstant(), s.getValue(),
            s.getSource()))
        .toList();
    return envelope(pat.analyzeSteps(caller(), Optional.ofNullable(body.getUserId()),
        Optional.ofNullable(body.getTimezone()), samples));
  }

  @Override
  public AnalysisEnvelopeDto patAnalyze(ActigraphyInputDto body) {
    List<ActigraphyDataPointDto> points = body.getDataPoints();
    List<Instant> timestamps = points.stream().map(p -> p.getTimestamp().toInstant()).toList();
    double[] counts = points.stream().mapToDouble(ActigraphyDataPointDto::getValue).toArray();
    double rate = body.getSamplingRate() == null ? 1.0 : body.getSamplingRate();
    return envelope(pat.analyzeEpochs(caller(), Optional.ofNullable(body.getUserId()),
        Optional.ofNullable(body.getTimezone()), timestamps, counts, rate));
  }

  @Override
  public AnalysisEnvelopeDto patGetAnalysis(String processingId) {
    return envelope(pat.get(caller(), processingId));
  }

  @Override
  public PatHealthDto patHealth() {
    caller();
    pat.checkHealth();
    return new PatHealthDto(PatHealthDto.StatusEnum.HEALTHY, SERVICE, ModelInfo.VERSION, false,
        clock.instant().atOffset(ZoneOffset.UTC));
  }

  @Override
  public ModelInfoResponseDto patModelsInfo() {
    caller();
    return new ModelInfoResponseDto(AnalysisJson.modelInfo(pat.modelInfo()), metadata());
  }

  private String caller() {
    return CurrentUser.require(security).userId();
  }

  private AnalysisEnvelopeDto envelope(StoredAnalysis a) {
    AnalysisResultDto data = new AnalysisResultDto(a.processingId(), AnalysisResultDto.StatusEnum.COMPLETED,
        AnalysisResultDto.InputTypeEnum.fromValue(a.inputType().wire()), a.createdAt().atOffset(ZoneOffset.UTC),
        AnalysisJson.read(a.analysisJson()));
    return new AnalysisEnvelopeDto(data, metadata());
  }

  private ResponseMetadataDto metadata() {
    return new ResponseMetadataDto(RequestLogFilter.requestId(request.get()), clock.instant().atOffset(ZoneOffset.UTC),
        SERVICE, version, RequestLogFilter.elapsedMillis(request.get()));
  }
}
