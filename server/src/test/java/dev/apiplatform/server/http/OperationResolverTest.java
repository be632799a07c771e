package dev.apiplatform.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resource-method-to-operation table is complete when Jersey starts: requests find their
 * operation there (no late resolution), sub-resource paths join like the contract's paths.
 */
class OperationResolverTest {

  private static final String CONTRACT = """
      openapi: 3.0.3
      info: {title: test, version: "1"}
      paths:
        /op/things:
          post:
            tags: [op]
            operationId: op_create
            responses: {"201": {description: created}}
        /op/things/{thingId}:
          get:
            tags: [op]
            operationId: op_read
            responses: {"200": {description: ok}}
      """;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static OperationResolver resolver;
  private static HttpServer server;
  private static URI base;

  /** Answers the operation id the filters saw. */
  @Path("/op/things")
  public static class Things {
    @Context ContainerRequestContext request;

    @POST
    public String create() {
      return String.valueOf(OperationResolver.of(request) == null ? null : OperationResolver.of(request).operationId());
    }

    @GET
    @Path("{thingId}")
    public String read(@PathParam("thingId") String id) {
      return String.valueOf(OperationResolver.of(request) == null ? null : OperationResolver.of(request).operationId());
    }

    @GET
    @Path("unlisted")
    public String unlisted() {
      return String.valueOf(OperationResolver.of(request));
    }
  }

  @BeforeAll
  static void start() {
    resolver = new OperationResolver(Contract.fromYaml(CONTRACT));
    ResourceConfig app = new ResourceConfig().register(resolver).register(new ContractStatusFilter())
        .register(Things.class).property(ServerProperties.WADL_FEATURE_DISABLE, true);
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app, true);
    base = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort());
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyContractMethod_isInTheStartTable_andRequestsNeedNoLateResolution() throws Exception {
    assertThat(resolver.tableSize()).isEqualTo(2);
    long late = resolver.lateResolutions(); // the unlisted method of the other test may count once
    HttpResponse<String> created = send(HttpRequest.newBuilder(base.resolve("/op/things"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(created.statusCode()).isEqualTo(201); // the contract's success status, via the operation
    assertThat(created.body()).isEqualTo("op_create");
    assertThat(send(HttpRequest.newBuilder(base.resolve("/op/things/t-1"))).body()).isEqualTo("op_read");
    assertThat(resolver.lateResolutions()).isEqualTo(late);
  }

  @Test
  void aMethodOutsideTheContract_hasNoOperation() throws Exception {
    assertThat(send(HttpRequest.newBuilder(base.resolve("/op/things/unlisted"))).body()).isEqualTo("null");
  }

  @Test
  void templates_joinWithOneSlashBetweenSegments() {
    assertThat(OperationResolver.join(List.of("/op/things/", "{thingId}"))).isEqualTo("/op/things/{thingId}");
    assertThat(OperationResolver.join(List.of("/", ""))).isEqualTo("/");
    assertThat(OperationResolver.join(List.of("op", "/x/"))).isEqualTo("/op/x");
  }
}
