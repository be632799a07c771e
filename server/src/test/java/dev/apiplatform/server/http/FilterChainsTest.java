package dev.apiplatform.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.annotation.Priority;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three chains run their steps in the given order with Jersey's semantics (a request chain
 * stops at an abort; response steps run on every answer, aborted ones included), and refuse at
 * construction an order that contradicts the steps' priorities.
 */
class FilterChainsTest {

  private static final List<String> CALLS = new CopyOnWriteArrayList<>();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static HttpServer server;
  private static URI base;

  @PreMatching
  @Priority(1)
  static final class First implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      CALLS.add("first");
    }
  }

  /** Aborts with 418 when the request asks for it. */
  @PreMatching
  @Priority(2)
  static final class Aborting implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      CALLS.add("aborting");
      if (request.getHeaderString("X-Abort") != null) request.abortWith(Response.status(418).build());
    }
  }

  @PreMatching
  @Priority(3)
  static final class Third implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      CALLS.add("third");
    }
  }

  @Priority(500)
  static final class Matched implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      CALLS.add("matched");
    }
  }

  @Priority(30)
  static final class Outer implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      CALLS.add("outer:" + response.getStatus());
      if (response.getStatus() == 200) response.setStatus(201);
    }
  }

  @Priority(0)
  static final class Last implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      CALLS.add("last:" + response.getStatus());
    }
  }

  @Path("/chained")
  public static class Chained {
    @GET
    public String get() {
      CALLS.add("resource");
      return "ok";
    }
  }

  @BeforeAll
  static void start() {
    ResourceConfig app = new ResourceConfig()
        .register(new FilterChains.PreMatchingChain(List.of(new First(), new Aborting(), new Third())))
        .register(new FilterChains.MatchedChain(List.of(new Matched())))
        .register(new FilterChains.ResponseChain(List.of(new Outer(), new Last())))
        .register(Chained.class)
        .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app, true);
    base = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort());
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  @BeforeEach
  void clear() {
    CALLS.clear();
  }

  @Test
  void stepsRunInTheirOrder_aroundTheResource() throws Exception {
    HttpResponse<String> answer = get(HttpRequest.newBuilder(base.resolve("/chained")));

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(CALLS).containsExactly("first", "aborting", "third", "matched", "resource", "outer:200", "last:201");
  }

  @Test
  void anAbortStopsTheRequestSteps_andTheResponseStepsStillRun() throws Exception {
    HttpResponse<String> answer = get(HttpRequest.newBuilder(base.resolve("/chained")).header("X-Abort", "1"));

    assertThat(answer.statusCode()).isEqualTo(418);
    assertThat(CALLS).containsExactly("first", "aborting", "outer:418", "last:418");
  }

  @Test
  void anUnmatchedRequest_runsThePreMatchingAndResponseSteps() throws Exception {
    HttpResponse<String> answer = get(HttpRequest.newBuilder(base.resolve("/nowhere")));

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(CALLS).containsExactly("first", "aborting", "third", "outer:404", "last:404");
  }

  @Test
  void aRequestOrderAgainstThePriorities_isRefused() {
    assertThatThrownBy(() -> new FilterChains.PreMatchingChain(List.of(new Third(), new First())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("First").hasMessageContaining("ascending");
  }

  @Test
  void aResponseOrderAgainstThePriorities_isRefused() {
    assertThatThrownBy(() -> new FilterChains.ResponseChain(List.of(new Last(), new Outer())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Outer").hasMessageContaining("descending");
  }

  @Test
  void aStepInTheWrongStage_isRefused() {
    assertThatThrownBy(() -> new FilterChains.PreMatchingChain(List.of(new Matched())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pre-matching");
    assertThatThrownBy(() -> new FilterChains.MatchedChain(List.of(new First())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("post-matching");
  }

  @Test
  void thePlatformsOwnSteps_fitTheirPriorities() {
    // the order PlatformApplication.of uses; a constructor throws if a Priorities constant moves against it
    FilterChains.PreMatchingChain pre = new FilterChains.PreMatchingChain(List.of(new RequestLogFilter(),
        new UnreadBodyGuard(), new BodySizeLimitFilter(1024), new CorsFilter(List.of("*")),
        new LiteralPathMethods(Contract.fromYaml("openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\n"))));
    FilterChains.ResponseChain responses = new FilterChains.ResponseChain(List.of(new ContractStatusFilter(),
        new SecurityHeadersFilter(false), new CorsFilter(List.of("*")), new UnreadBodyGuard(), new RequestLogFilter()));

    assertThat(pre.steps()).hasSize(5);
    assertThat(responses.steps()).hasSize(5);
  }

  private static HttpResponse<String> get(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
