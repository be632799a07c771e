package dev.apiplatform.server;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.error.ApiExceptionMapper;
import dev.apiplatform.server.error.ConstraintViolationMapper;
import dev.apiplatform.server.error.DomainExceptionMapper;
import dev.apiplatform.server.error.JsonExceptionMapper;
import dev.apiplatform.server.error.UnexpectedExceptionMapper;
import dev.apiplatform.server.error.WebApplicationExceptionMapper;
import dev.apiplatform.server.http.BodySizeLimitFilter;
import dev.apiplatform.server.http.ContentLengthBuffer;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.ContractCoverage;
import dev.apiplatform.server.http.ContractStatusFilter;
import dev.apiplatform.server.http.CorsFilter;
import dev.apiplatform.server.http.FilterChains;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.http.LiteralPathMethods;
import dev.apiplatform.server.http.StrictNumberParams;
import dev.apiplatform.server.http.OperationResolver;
import dev.apiplatform.server.http.RequestLogFilter;
import dev.apiplatform.server.http.SecurityHeadersFilter;
import dev.apiplatform.server.http.UnreadBodyGuard;
import dev.apiplatform.server.http.edge.BodyRoutes;
import dev.apiplatform.server.http.ratelimit.ApiRateLimitFilter;
import dev.apiplatform.server.platform.Priorities;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;

/**
 * The platform's Jersey application: the contract's resources, the platform-wide filters as three
 * ordered chains ({@link dev.apiplatform.server.http.FilterChains}), the exception mappers and the
 * Jersey settings. {@link Platform#start} serves it; the HTTP-layer tests build it with their own
 * resources.
 */
final class PlatformApplication {

  private PlatformApplication() {}

  /**
   * The Jersey application. Every generated interface of the contract must have exactly one
   * implementation here, or start fails: the server cannot silently lag behind the contract.
   */
  static ResourceConfig of(AppConfig config, Contract contract, Set<String> tags, List<Object> apiResources,
      List<Object> providers) {
    return of(config, contract, tags, apiResources, providers, List.of(), null, null);
  }

  /**
   * The Jersey application with the service filters: {@code afterOperation} run after the
   * contract operation is resolved, {@code apiRateLimit} and {@code metrics} may be null (off).
   */
  static ResourceConfig of(AppConfig config, Contract contract, Set<String> tags, List<Object> apiResources,
      List<Object> providers, List<ContainerRequestFilter> afterOperation, ApiRateLimitFilter apiRateLimit,
      ContainerResponseFilter metrics) {
    ContractCoverage.check(contract, apiResources, tags);
    ResourceConfig app = new ResourceConfig();
    app.register(JacksonFeature.withoutExceptionMappers());
    app.register(new JacksonConfig());
    app.register(new StrictNumberParams());
    // the platform's own filters as three Jersey filters running their steps in this order (http.FilterChains)
    RequestLogFilter requestLog = new RequestLogFilter();
    UnreadBodyGuard unreadBody = new UnreadBodyGuard();
    CorsFilter cors = new CorsFilter(config.http().allowedOrigins());
    OperationResolver operations = new OperationResolver(contract);
    app.register(new FilterChains.PreMatchingChain(List.of(requestLog, unreadBody,
        new BodySizeLimitFilter(config.http().maxBodyBytes(), BodyRoutes.from(contract, config.env())), cors,
        new LiteralPathMethods(contract))));
    List<ContainerRequestFilter> matched = new ArrayList<>();
    matched.add(operations);
    matched.addAll(afterOperation);
    app.register(new FilterChains.MatchedChain(matched));
    app.register(operations, ApplicationEventListener.class); // its table is built when the resource model is ready
    List<ContainerResponseFilter> responses = new ArrayList<>();
    if (apiRateLimit != null) responses.add(apiRateLimit);
    responses.add(new ContractStatusFilter());
    responses.add(new SecurityHeadersFilter(config.stage() == Stage.PROD));
    responses.add(cors);
    if (metrics != null) responses.add(metrics);
    responses.add(unreadBody);
    responses.add(requestLog);
    app.register(new FilterChains.ResponseChain(responses));
    ContentLengthBuffer.install(app);
    // its request part on its own, after the groups' AUTHENTICATION filters (Twilio's signature) as before
    if (apiRateLimit != null) {
      app.register(apiRateLimit, Map.of(ContainerRequestFilter.class, Priorities.API_RATE_LIMIT));
    }
    app.register(new ApiExceptionMapper());
    app.register(new DomainExceptionMapper());
    app.register(new WebApplicationExceptionMapper());
    app.register(new JsonExceptionMapper());
    app.register(new ConstraintViolationMapper());
    app.register(new UnexpectedExceptionMapper());
    apiResources.forEach(app::register);
    providers.forEach(app::register);
    app.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    app.property(ServerProperties.BV_SEND_ERROR_IN_RESPONSE, true);
    app.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    app.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
    return app;
  }
}
