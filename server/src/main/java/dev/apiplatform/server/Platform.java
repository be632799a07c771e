package dev.apiplatform.server;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.error.ApiExceptionMapper;
import dev.apiplatform.server.error.ConstraintViolationMapper;
import dev.apiplatform.server.error.JsonExceptionMapper;
import dev.apiplatform.server.error.UnexpectedExceptionMapper;
import dev.apiplatform.server.error.WebApplicationExceptionMapper;
import dev.apiplatform.server.http.BodySizeLimitFilter;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.ContractStatusFilter;
import dev.apiplatform.server.http.CorsFilter;
import dev.apiplatform.server.http.DocsResource;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.http.RequestLogFilter;
import dev.apiplatform.server.http.SecurityHeadersFilter;
import dev.apiplatform.server.storage.AwsClients;
import dev.apiplatform.server.storage.StorageBootstrap;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.system.AwsProbes;
import dev.apiplatform.server.system.HealthService;
import dev.apiplatform.server.system.SystemResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: config → clients → storage → services → resources → HTTP server, by
 * plain constructor calls. The only place that knows how the pieces fit.
 */
public final class Platform implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

  private final AppConfig config;
  private final HttpServer server;
  private final List<AutoCloseable> resources;
  private volatile boolean closed;

  private Platform(AppConfig config, HttpServer server, List<AutoCloseable> resources) {
    this.config = config;
    this.server = server;
    this.resources = resources;
  }

  public static Platform start(AppConfig config) throws IOException {
    long started = System.nanoTime();
    Properties build = buildProperties();
    String version = build.getProperty("version", "unknown");
    Contract contract = Contract.load();

    List<AutoCloseable> owned = new ArrayList<>();
    AwsClients aws = new AwsClients(config);
    owned.add(aws);
    StorageDefinitions storage = StorageDefinitions.platform(config.stage(), config.bucketNamespace());
    new StorageBootstrap(aws.dynamoDb(), aws.s3()).ensure(storage);

    ExecutorService probeExecutor = Executors.newFixedThreadPool(2, daemon("health-probe"));
    owned.add(probeExecutor::shutdownNow);
    HealthService health = new HealthService(List.of(
        AwsProbes.dynamoDb(aws.dynamoDb(), config.healthProbeTimeout()),
        AwsProbes.s3(aws.s3(), storage.bucketName(StorageDefinitions.MEDIA_BUCKET), config.healthProbeTimeout())),
        probeExecutor, config.healthProbeTimeout());

    ResourceConfig app = application(config, contract, List.of(
        new SystemResource(contract, health, version)),
        new DocsResource(build.getProperty("swaggerUiVersion", ""), contract.title()));

    URI uri = URI.create("http://" + config.bindAddress() + ":" + config.port() + "/");
    HttpServer server = GrizzlyHttpServerFactory.createHttpServer(uri, app, false);
    server.start();
    Platform platform = new Platform(config, server, owned);
    LOG.info("Platform {} ({}) listening on {} in {} ms", version, config.stage().name().toLowerCase(),
        platform.baseUri(), (System.nanoTime() - started) / 1_000_000);
    return platform;
  }

  /**
   * The Jersey application. Every generated interface of the contract must have exactly one
   * implementation here, or start fails: the server cannot silently lag behind the contract.
   */
  static ResourceConfig application(AppConfig config, Contract contract, List<Object> apiResources, Object... pages) {
    checkEveryTagImplemented(contract, apiResources);
    ResourceConfig app = new ResourceConfig();
    app.register(JacksonFeature.withoutExceptionMappers());
    app.register(new JacksonConfig());
    app.register(new RequestLogFilter());
    app.register(new BodySizeLimitFilter(config.maxBodyBytes()));
    app.register(new CorsFilter(config.allowedOrigins()));
    app.register(new SecurityHeadersFilter(config.stage() == Stage.PROD));
    app.register(new ContractStatusFilter(contract));
    app.register(new ApiExceptionMapper());
    app.register(new WebApplicationExceptionMapper());
    app.register(new JsonExceptionMapper());
    app.register(new ConstraintViolationMapper());
    app.register(new UnexpectedExceptionMapper());
    apiResources.forEach(app::register);
    for (Object page : pages) app.register(page);
    app.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    app.property(ServerProperties.BV_SEND_ERROR_IN_RESPONSE, true);
    app.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    app.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
    return app;
  }

  private static void checkEveryTagImplemented(Contract contract, List<Object> resources) {
    Set<String> implemented = new java.util.HashSet<>();
    for (Object resource : resources) {
      for (Class<?> type : resource.getClass().getInterfaces()) {
        if (type.getPackageName().equals("dev.apiplatform.server.api")) implemented.add(type.getSimpleName());
      }
    }
    for (String tag : contract.tags()) {
      String expected = Character.toUpperCase(tag.charAt(0)) + tag.substring(1) + "Api";
      if (!implemented.contains(expected)) {
        throw new IllegalStateException("the contract's tag '" + tag + "' has no registered implementation of " + expected);
      }
    }
  }

  public URI baseUri() {
    int port = server.getListeners().iterator().next().getPort();
    String host = config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress();
    return URI.create("http://" + host + ":" + port);
  }

  public int port() {
    return server.getListeners().iterator().next().getPort();
  }

  /**
   * Graceful stop: stop accepting, let in-flight requests finish within the grace period, then
   * close the stores' clients. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    long grace = config.shutdownGrace().toMillis();
    try {
      server.shutdown(grace, TimeUnit.MILLISECONDS).get(grace + 1000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("HTTP server did not stop within {} ms; forcing", grace);
      server.shutdownNow();
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("Error while closing {}", resources.get(i), e);
      }
    }
    LOG.info("Platform stopped");
  }

  static Properties buildProperties() {
    Properties p = new Properties();
    try (InputStream in = Platform.class.getClassLoader().getResourceAsStream("platform-build.properties")) {
      if (in != null) p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }
}
