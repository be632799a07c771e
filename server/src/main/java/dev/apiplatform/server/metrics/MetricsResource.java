package dev.apiplatform.server.metrics;

import dev.apiplatform.server.api.MetricsApi;
import dev.apiplatform.server.api.model.MetricsHealthEnvelopeDto;
import dev.apiplatform.server.api.model.MetricsSystemEnvelopeDto;
import dev.apiplatform.server.api.model.MetricsUserEnvelopeDto;
import dev.apiplatform.server.api.model.ResponseMetadataDto;
import dev.apiplatform.server.domain.NotFound;
import dev.apiplatform.server.http.RequestLogFilter;
import dev.apiplatform.server.identity.store.UserStore;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.security.AuthenticatedUser;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.ZoneOffset;

/** The metrics group: each operation is one call, after the access rule of its operation. */
public final class MetricsResource implements MetricsApi {

  static final String SERVICE = "metrics";

  private final PlatformMetrics metrics;
  private final MetricsSummaries summaries;
  private final ScrapeAccess scrapeAccess;
  private final Clock clock;
  private final String version;
  private final UserStore users;

  @Context private SecurityContext security;
  // a Provider: the resource is a singleton, the request is not
  @Context private Provider<ContainerRequestContext> request;

  MetricsResource(PlatformMetrics metrics, MetricsSummaries summaries, UserStore users, Clock clock, String version) {
    this.metrics = metrics;
    this.users = users;
    this.summaries = summaries;
    this.scrapeAccess = new ScrapeAccess(metrics.settings());
    this.clock = clock;
    this.version = version;
  }

  @Override
  public String metricsScrape() {
    if (!metrics.enabled()) throw new MetricsDisabled();
    scrapeAccess.check(request.get().getHeaderString("Authorization"));
    return metrics.scrape();
  }

  @Override
  public MetricsHealthEnvelopeDto metricsHealth() {
    caller();
    return new MetricsHealthEnvelopeDto().data(summaries.health()).metadata(metadata());
  }

  @Override
  public MetricsSystemEnvelopeDto metricsSystem() {
    AuthenticatedUser caller = caller();
    // the prod rule of seed 003: system figures are for operators
    if (metrics.settings().tokenRequired() && !caller.hasRole(User.ROLE_ADMIN)) {
      throw new NotMetricsReader("The system metrics are for role ADMIN");
    }
    return new MetricsSystemEnvelopeDto().data(summaries.system()).metadata(metadata());
  }

  @Override
  public MetricsUserEnvelopeDto metricsUser(String userId) {
    AuthenticatedUser caller = caller();
    if (!caller.userId().equals(userId) && !caller.hasRole(User.ROLE_ADMIN)) {
      throw new NotMetricsReader("Only your own metrics, unless you have role ADMIN");
    }
    if (!caller.userId().equals(userId) && users.findById(userId).isEmpty()) {
      throw new NotFound("No user with id '" + userId + "'");
    }
    return new MetricsUserEnvelopeDto().data(summaries.user(userId)).metadata(metadata());
  }

  private AuthenticatedUser caller() {
    return CurrentUser.require(security);
  }

  private ResponseMetadataDto metadata() {
    return new ResponseMetadataDto(RequestLogFilter.requestId(request.get()), clock.instant().atOffset(ZoneOffset.UTC),
        SERVICE, version, RequestLogFilter.elapsedMillis(request.get()));
  }
}
