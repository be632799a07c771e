package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.DocsResource;
import dev.apiplatform.server.system.DependencyProbe;
import dev.apiplatform.server.system.HealthService;
import dev.apiplatform.server.system.SystemResource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /docs behind a reverse proxy that mounts the platform under {@code /prefix/} and tells it
 * nothing (no X-Forwarded-Prefix): every asset the page links, the contract init.js computes
 * and the call "Try it out" makes (the served contract's relative server) resolve under the
 * prefix and load through the proxy. A root-relative link ({@code /docs/...}) would miss it.
 */
class DocsBehindProxyTest {

  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static HttpServer platform;
  private static com.sun.net.httpserver.HttpServer proxy;
  private static URI proxied;

  @BeforeAll
  static void start() throws Exception {
    AppConfig config = AppConfig.from(Map.of("PORT", "0"));
    Contract contract = HttpLayerTest.systemGroupOnly(Contract.load());
    DependencyProbe up = new DependencyProbe() {
      public String name() {
        return "dynamodb";
      }

      public void probe() {
      }
    };
    var app = PlatformApplication.of(config, contract, contract.tags(), List.of(new SystemResource(contract,
            new HealthService(List.of(up), Executors.newFixedThreadPool(1), Duration.ofSeconds(1)), "test")),
        List.of(new DocsResource(Platform.buildProperties().getProperty("swaggerUiVersion"), contract.title())));
    platform = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app, true);
    URI upstream = URI.create("http://127.0.0.1:" + platform.getListeners().iterator().next().getPort());

    proxy = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext("/", exchange -> forward(exchange, upstream));
    proxy.start();
    proxied = URI.create("http://127.0.0.1:" + proxy.getAddress().getPort() + "/prefix/");
  }

  /** /prefix/X -> upstream /X; anything outside the prefix is the proxy's own 404, as nginx's would be. */
  private static void forward(HttpExchange exchange, URI upstream) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    try (exchange) {
      if (!path.startsWith("/prefix/")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      URI target = upstream.resolve(path.substring("/prefix".length()) + (query == null ? "" : "?" + query));
      HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      r.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
      exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      if (r.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(r.body());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.stop(0);
    }
    if (platform != null) {
      platform.shutdownNow();
    }
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"docs", "docs/"})
  void thePageAndEverythingItLoads_resolveUnderTheProxysPrefix(String page) throws Exception {
    URI pageUri = proxied.resolve(page);
    HttpResponse<String> html = get(pageUri);
    assertThat(html.statusCode()).isEqualTo(200);
    List<URI> assets = new ArrayList<>();
    Matcher m = LINK.matcher(html.body());
    while (m.find()) {
      assets.add(pageUri.resolve(m.group(1)));
    }
    assertThat(assets).extracting(URI::getPath).contains("/prefix/docs/swagger-ui-bundle.js",
        "/prefix/docs/swagger-ui.css", "/prefix/docs/init.js");
    for (URI asset : assets) {
      assertThat(get(asset).statusCode()).as(asset.toString()).isEqualTo(200);
    }

    // init.js: the contract next to the page, as the browser computes it from location.pathname
    String init = get(assets.stream().filter(a -> a.getPath().endsWith("/init.js")).findFirst().orElseThrow()).body();
    assertThat(init).contains("window.location.pathname.replace(new RegExp('/docs/?$'), '') + '/openapi.yaml'");
    URI contract = pageUri.resolve(pageUri.getPath().replaceAll("/docs/?$", "") + "/openapi.yaml");
    HttpResponse<String> yaml = get(contract);
    assertThat(yaml.statusCode()).isEqualTo(200);

    // Try it out: Swagger UI resolves the relative server "." against the contract's URL
    assertThat(yaml.body()).contains("url: \".\"");
    HttpResponse<String> call = get(contract.resolve(".").resolve("healthz"));
    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(call.uri().getPath()).isEqualTo("/prefix/healthz");
  }
}
