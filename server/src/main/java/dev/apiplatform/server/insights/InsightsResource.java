package dev.apiplatform.server.insights;

import dev.apiplatform.server.domain.NotFound;
import dev.apiplatform.server.identity.store.UserStore;
import dev.apiplatform.server.security.AuthenticatedUser;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.api.InsightsApi;
import dev.apiplatform.server.api.model.AnalysisResultsDto;
import dev.apiplatform.server.api.model.InsightDto;
import dev.apiplatform.server.api.model.InsightEnvelopeDto;
import dev.apiplatform.server.api.model.InsightPageDto;
import dev.apiplatform.server.api.model.InsightPaginationDto;
import dev.apiplatform.server.api.model.InsightRequestDto;
import dev.apiplatform.server.api.model.InsightStatusDto;
import dev.apiplatform.server.api.model.InsightStatusEnvelopeDto;
import dev.apiplatform.server.devroutes.Envelope;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Insights (seed 003 section 1.4): each operation is one call into {@link InsightsService}. */
public final class InsightsResource implements InsightsApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InsightsService insights;
  private final Envelope envelope;
  private final Clock clock;

  @Context private SecurityContext security;
  // a Provider: the resource is a singleton, the request is not
  @Context private Provider<ContainerRequestContext> request;

  private final UserStore users;

  public InsightsResource(InsightsService insights, UserStore users, Envelope envelope, Clock clock) {
    this.insights = insights;
    this.users = users;
    this.envelope = envelope;
    this.clock = clock;
  }

  @Override
  public InsightEnvelopeDto insightsGenerate(InsightRequestDto body) {
    String caller = CurrentUser.require(security).userId();
    Insight insight = insights.generate(caller, new InsightsService.Request(metrics(body.getAnalysisResults()),
        body.getAnalysisIds() == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(body.getAnalysisIds())),
        body.getInsightType() == null ? "comprehensive" : body.getInsightType().toString(),
        body.getIncludeRecommendations() == null || body.getIncludeRecommendations(),
        body.getLanguage() == null ? "en" : body.getLanguage().toString(), Optional.ofNullable(body.getContext())));
    return new InsightEnvelopeDto(dto(insight), envelope.metadata(request.get()));
  }

  @Override
  public InsightEnvelopeDto insightsGet(String insightId) {
    return new InsightEnvelopeDto(dto(insights.get(CurrentUser.require(security).userId(), insightId)),
        envelope.metadata(request.get()));
  }

  @Override
  public InsightPageDto insightsHistory(String userId, String cursor, Integer limit) {
    int size = limit == null ? 20 : limit;
    AuthenticatedUser caller = CurrentUser.require(security);
    InsightStore.Page page = insights.history(caller, userId, Optional.ofNullable(cursor), size);
    // a clinician or admin asking for someone else: that someone must exist
    if (!caller.userId().equals(userId) && users.findById(userId).isEmpty()) {
      throw new NotFound("No user with id '" + userId + "'");
    }
    InsightPaginationDto pagination = new InsightPaginationDto(size, page.next().isPresent());
    page.next().ifPresent(next -> pagination.setNextCursor(InsightsService.cursor(next)));
    return new InsightPageDto(page.insights().stream().map(InsightsResource::dto).toList(), pagination,
        envelope.metadata(request.get()));
  }

  @Override
  public InsightStatusEnvelopeDto insightsStatus() {
    CurrentUser.require(security);
    insights.checkHealth();
    InsightStatusDto status = new InsightStatusDto(InsightStatusDto.StatusEnum.HEALTHY, "insights",
        insights.usesLlm() ? InsightStatusDto.GeneratedByEnum.LLM : InsightStatusDto.GeneratedByEnum.RULES,
        insights.generatorName(), clock.instant().atOffset(ZoneOffset.UTC));
    return new InsightStatusEnvelopeDto(status, envelope.metadata(request.get()));
  }

  /** The metrics sent, by their contract names (members left out are absent, not zero). */
  static Map<String, Double> metrics(AnalysisResultsDto results) {
    Map<String, Double> out = new TreeMap<>();
    if (results == null) return out;
    Map<?, ?> all = JSON.convertValue(results, Map.class);
    all.forEach((k, v) -> {
      if (v instanceof Number n) out.put(k.toString(), n.doubleValue());
    });
    return out;
  }

  public static InsightDto dto(Insight i) {
    return new InsightDto(i.insightId(), i.userId(), i.narrative(), i.keyInsights(), i.recommendations(),
        i.confidenceScore(), InsightDto.GeneratedByEnum.fromValue(i.generatedBy()), i.generator(),
        InsightDto.InsightTypeEnum.fromValue(i.insightType()), i.inputHash(), i.analysisIds(), i.disclaimer(),
        i.generatedAt().atOffset(ZoneOffset.UTC));
  }
}
