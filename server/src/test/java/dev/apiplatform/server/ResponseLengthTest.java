package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.http.ContentLengthBuffer;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.edge.EdgeServer;
import dev.apiplatform.server.http.edge.EdgeSettings;
import dev.apiplatform.server.http.edge.RawHttp;
import dev.apiplatform.server.http.edge.RawHttp.Response;
import dev.apiplatform.server.system.HealthService;
import dev.apiplatform.server.system.SystemResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.glassfish.grizzly.http.server.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Content-Length on the wire as Jersey's own 8 KiB buffer gave it (ContentLengthBuffer now does
 * that job): an entity up to 8 KiB carries its length, also when its writer flushes midway and
 * on HEAD; a larger one goes out chunked; an entity writer that fails before 8 KiB leaves the
 * response open for the exception mappers.
 */
class ResponseLengthTest {

  private static HttpServer server;
  private static int port;

  @Path("/test/length")
  public static class LengthResource {
    /** {@code n} bytes in writes of 100 with a flush after each, as Jackson flushes at the end. */
    @GET
    @Path("/{n}")
    @Produces(MediaType.TEXT_PLAIN)
    public StreamingOutput bytes(@PathParam("n") int n) {
      return out -> {
        for (int written = 0; written < n; written += 100) {
          out.write(new byte[Math.min(100, n - written)]);
          out.flush();
        }
      };
    }

    @GET
    @Path("/json")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> json() {
      return Map.of("status", "ok", "checks", List.of("a", "b"));
    }

    /** The entity stream of the last {@code /kept} response, kept past it as a careless writer might. */
    static volatile java.io.OutputStream kept;

    @GET
    @Path("/kept")
    @Produces(MediaType.TEXT_PLAIN)
    public StreamingOutput keeps() {
      return out -> {
        kept = out;
        out.write("kept".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      };
    }

    /** Writes into the kept stream from another request: what that gives is this answer. */
    @GET
    @Path("/write-kept")
    @Produces(MediaType.TEXT_PLAIN)
    public String writeKept() {
      try {
        kept.write(new byte[] {'x'});
        return "written";
      } catch (IOException refused) {
        return "refused";
      }
    }

    @GET
    @Path("/fails-after/{n}")
    @Produces(MediaType.TEXT_PLAIN)
    public StreamingOutput failsAfter(@PathParam("n") int n) {
      return out -> {
        out.write(new byte[n]);
        throw new IllegalStateException("the entity's source broke");
      };
    }
  }

  @BeforeAll
  static void start() throws Exception {
    AppConfig config = AppConfig.from(Map.of("PORT", "0"));
    Contract contract = HttpLayerTest.systemGroupOnly(Contract.load());
    HealthService health = new HealthService(List.of(), Executors.newFixedThreadPool(1), Duration.ofSeconds(1));
    var app = PlatformApplication.of(config, contract, contract.tags(), List.of(new SystemResource(contract, health, "test")),
        List.of(new LengthResource()));
    server = EdgeServer.create(URI.create("http://127.0.0.1:0/"), app, EdgeSettings.defaults(1024 * 1024));
    server.start();
    port = server.getListeners().iterator().next().getPort();
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  private static Response get(String method, String target) throws IOException {
    try (RawHttp http = new RawHttp(port)) {
      http.send(method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      return http.read(false);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1999, ContentLengthBuffer.LIMIT})
  void entityUpTo8KiB_carriesItsLength_althoughItsWriterFlushes(int n) throws Exception {
    Response r = get("GET", "/test/length/" + n);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(n));
    assertThat(r.header("Transfer-Encoding")).isNull();
    assertThat(r.body()).hasSize(n);
  }

  @ParameterizedTest
  @ValueSource(ints = {ContentLengthBuffer.LIMIT + 1, 3 * ContentLengthBuffer.LIMIT})
  void entityOver8KiB_isChunked(int n) throws Exception {
    Response r = get("GET", "/test/length/" + n);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Length")).isNull();
    assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
  }

  @Test
  void jsonEntity_carriesItsLength() throws Exception {
    Response r = get("GET", "/test/length/json");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length()));
    assertThat(r.body()).contains("\"status\":\"ok\"");
  }

  @Test
  void head_carriesTheLengthOfTheGetEntity_withoutIt() throws Exception {
    Response r = get("HEAD", "/test/length/1999");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Length")).isEqualTo("1999");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void healthz_carriesItsLength() throws Exception {
    Response r = get("GET", "/healthz");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length()));
    assertThat(r.body()).isNotEmpty();
  }

  @Test
  void writerFailingBefore8KiB_leavesTheAnswerToTheMappers() throws Exception {
    Response r = get("GET", "/test/length/fails-after/500");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length()));
    assertThat(r.body()).doesNotContain("\0");
  }

  @Test
  void nextEntityOnTheSameThread_startsEmpty() throws Exception {
    // the worker's buffer is reused: a short answer after a long one holds only its own bytes
    get("GET", "/test/length/" + ContentLengthBuffer.LIMIT);
    for (int i = 0; i < 8; i++) {
      Response r = get("GET", "/test/length/json");
      assertThat(r.body()).startsWith("{").endsWith("}").doesNotContain("\0");
    }
  }

  @Test
  void aStreamKeptPastItsResponse_refusesWrites_insteadOfWritingIntoAnother() throws Exception {
    // the holder behind the entity stream is reused by the thread's next response
    assertThat(get("GET", "/test/length/kept").body()).isEqualTo("kept");
    for (int i = 0; i < 4; i++) {
      Response r = get("GET", "/test/length/write-kept");
      assertThat(r.body()).isEqualTo("refused");
      assertThat(r.header("Content-Length")).isEqualTo("7");
    }
  }
}
