package dev.apiplatform.server;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.DocsResource;
import dev.apiplatform.server.http.edge.EdgeServer;
import dev.apiplatform.server.http.edge.BodyRoutes;
import dev.apiplatform.server.http.edge.EdgeSettings;
import dev.apiplatform.server.http.ratelimit.ApiRateLimitFilter;
import dev.apiplatform.server.http.ratelimit.ApiRateLimits;
import dev.apiplatform.server.http.ratelimit.AuthRateLimitFilter;
import dev.apiplatform.server.identity.store.DynamoCounterStore;
import dev.apiplatform.server.http.ratelimit.RateLimiter;
import dev.apiplatform.server.jobs.WorkerRuntime;
import dev.apiplatform.server.platform.AfterStart;
import dev.apiplatform.server.platform.Core;
import dev.apiplatform.server.platform.Groups;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.security.AuthenticationFilter;
import dev.apiplatform.server.storage.StorageExceptionMapper;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: config → clients → storage → shared {@link Services} → each
 * {@link ResourceGroup}'s resources and providers → HTTP server. Groups are listed in
 * {@link Groups#all()}; the platform-wide filters and mappers are registered in
 * {@link PlatformApplication}.
 */
public final class Platform implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
  /** Streamed request bodies at once: each holds a request thread while it lasts (the rest wait with 503). */
  static final int MAX_STREAMED_BODIES = 4;
  /** The longest the after-start work waits for the first answer once the listener is open ({@link AfterStart}). */
  static final Duration AFTER_START_SETTLE = Duration.ofSeconds(1);

  private final AppConfig config;
  private final HttpServer server;
  private final WorkerRuntime workers;
  private final AfterStart afterStart;
  private final List<AutoCloseable> resources;
  private volatile boolean closed;

  private Platform(AppConfig config, HttpServer server, WorkerRuntime workers, AfterStart afterStart,
      List<AutoCloseable> resources) {
    this.config = config;
    this.server = server;
    this.workers = workers;
    this.afterStart = afterStart;
    this.resources = resources;
  }

  /** The whole platform: every group of {@link Groups#all()}. */
  public static Platform start(AppConfig config) throws IOException {
    return start(config, Groups.all());
  }

  /**
   * The platform serving the given groups (tests start a subset the same way): every group's
   * config section is read first, then the shared services and the groups' tables and buckets,
   * then each group's resources and providers.
   */
  public static Platform start(AppConfig config, List<ResourceGroup> groups) throws IOException {
    return start(config, groups, CompletableFuture.completedFuture(config.aws().sqsEndpoint()));
  }

  /**
   * The platform with its SQS endpoint still to come ({@code LocalPlatform}: the embedded SQS
   * finishes its start meanwhile): {@code sqsEndpoint}, when present, replaces the configuration's,
   * and only the declaration of the queues waits for it ({@link Core#start(AppConfig,
   * CompletionStage, List, String, boolean)}); the listener opens after the queues exist, as in the
   * other overloads, which come here with the endpoint already known. The workers and the groups'
   * {@link Wiring#afterStart} work begin once the platform has answered ({@link AfterStart}).
   */
  public static Platform start(AppConfig config, List<ResourceGroup> groups, CompletionStage<Optional<URI>> sqsEndpoint)
      throws IOException {
    long started = System.nanoTime();
    Properties build = buildProperties();
    String version = build.getProperty("version", "unknown");
    List<AutoCloseable> owned = new ArrayList<>();
    Core core = Core.start(config, sqsEndpoint, groups, version, config.aws().stores() == AppConfig.Stores.EMBEDDED);
    owned.add(core);
    Services services = core.services();
    Contract contract = services.contract();
    long coreReady = System.nanoTime();
    // the first /health finds the counts cached: read them beside the wiring and Jersey's start (issue 15)
    services.jobs().stats().readInBackground();

    List<Object> resources = new ArrayList<>();
    List<Object> providers = new ArrayList<>();
    Set<String> tags = new LinkedHashSet<>();
    List<org.glassfish.grizzly.http.server.AddOn> addOns = new ArrayList<>();
    List<Runnable> later = new ArrayList<>();
    for (ResourceGroup group : groups) {
      Wiring wired = group.wire(services);
      later.addAll(wired.afterStart());
      addOns.addAll(wired.addOns());
      resources.addAll(wired.resources());
      providers.addAll(wired.providers());
      owned.addAll(wired.closeables());
      tags.add(group.tag());
    }
    WorkerRuntime workers = core.queueSettings().workers() ? core.workers(groups) : null;
    // the workers' first polls wait for the first answer too (AfterStart), ahead of the groups' work
    if (workers != null) later.add(0, workers::start);
    AppConfig.Auth auth = config.auth();
    // filters that need the services: steps of application's filter chains, in this order after the operation
    List<ContainerRequestFilter> afterOperation = List.of(
        new AuthRateLimitFilter(new RateLimiter(auth.authRequestsPerMinute(), Duration.ofMinutes(1)), auth.trustedProxies()),
        new AuthenticationFilter(services.identity().tokens()));
    ApiRateLimitFilter apiRateLimit = ApiRateLimits.filter(config.env(), tags,
        new DynamoCounterStore(services.aws().dynamoDb(), services.storage()), services.clock(), auth.trustedProxies());
    ContainerResponseFilter metrics = services.metrics().enabled() ? services.metrics().requestFilter() : null;
    providers.add(new StorageExceptionMapper());
    providers.add(new DocsResource(build.getProperty("swaggerUiVersion", ""), contract.title()));

    long wired = System.nanoTime();
    ResourceConfig app = PlatformApplication.of(config, contract, tags, resources, providers, afterOperation, apiRateLimit, metrics);
    URI uri = URI.create("http://" + config.http().bindAddress() + ":" + config.http().port() + "/");
    HttpServer server = EdgeServer.create(uri, app, EdgeSettings.defaults(config.http().maxBodyBytes())
        .withRoutes(BodyRoutes.from(contract, config.env()), MAX_STREAMED_BODIES)
        .withStrictTransport(config.stage() == Stage.PROD)
        .withKeepAliveIdle(config.http().keepAliveIdle()));
    server.getListeners().forEach(listener -> addOns.forEach(listener::registerAddOn));
    AfterStart afterStart = new AfterStart(server, later, AFTER_START_SETTLE);
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      afterStart.close();
      if (workers != null) workers.close();
      owned.forEach(Platform::closeQuietly);
      throw e;
    }
    Platform platform = new Platform(config, server, workers, afterStart, owned);
    long now = System.nanoTime();
    // the phases, so a slow start says where it went (bench/start.sh reads this line)
    LOG.info("Platform {} ({}) listening on {} with {} in {} ms (core {} ms: contract, clients, tables, buckets,"
        + " queues; groups {} ms; HTTP {} ms)", version, config.stage().name().toLowerCase(), platform.baseUri(), tags,
        (now - started) / 1_000_000, (coreReady - started) / 1_000_000, (wired - coreReady) / 1_000_000,
        (now - wired) / 1_000_000);
    afterStart.begin();
    return platform;
  }

  public URI baseUri() {
    int port = server.getListeners().iterator().next().getPort();
    String host = config.http().bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.http().bindAddress();
    return URI.create("http://" + host + ":" + port);
  }

  public int port() {
    return server.getListeners().iterator().next().getPort();
  }

  /**
   * Graceful stop: the listener stops accepting and in-flight requests get the HTTP grace period
   * while, at the same time, the workers stop (running jobs finish or go back to the queue within
   * the job grace period; what requests still enqueue stays queued); then the stores' clients
   * close, once neither side can call them. The two waits overlap: a stop takes the longer of the
   * two grace periods, not their sum. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    afterStart.close();
    long grace = config.http().shutdownGrace().toMillis();
    Future<HttpServer> http = server.shutdown(grace, TimeUnit.MILLISECONDS);
    if (workers != null) workers.close();
    try {
      http.get(grace + 1000, TimeUnit.MILLISECONDS);
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

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Error while closing {}", closeable, e);
    }
  }

  /** The build's properties (version, tool versions), from platform-build.properties. */
  public static Properties buildProperties() {
    Properties p = new Properties();
    try (InputStream in = Platform.class.getClassLoader().getResourceAsStream("platform-build.properties")) {
      if (in != null) p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
