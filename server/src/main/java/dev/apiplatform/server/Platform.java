package dev.apiplatform.server;

import dev.apiplatform.server.account.AccountResource;
import dev.apiplatform.server.auth.AuthResource;
import dev.apiplatform.server.auth.KeysDocument;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.error.ApiExceptionMapper;
import dev.apiplatform.server.error.ConstraintViolationMapper;
import dev.apiplatform.server.error.JsonExceptionMapper;
import dev.apiplatform.server.error.UnexpectedExceptionMapper;
import dev.apiplatform.server.error.WebApplicationExceptionMapper;
import dev.apiplatform.server.http.BodySizeLimitFilter;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.ContractCoverage;
import dev.apiplatform.server.http.ContractStatusFilter;
import dev.apiplatform.server.http.CorsFilter;
import dev.apiplatform.server.http.DocsResource;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.http.RequestLogFilter;
import dev.apiplatform.server.http.SecurityHeadersFilter;
import dev.apiplatform.server.http.UnreadBodyGuard;
import dev.apiplatform.server.http.edge.EdgeServer;
import dev.apiplatform.server.http.edge.EdgeSettings;
import dev.apiplatform.server.http.ratelimit.AuthRateLimitFilter;
import dev.apiplatform.server.http.ratelimit.RateLimiter;
import dev.apiplatform.server.identity.Accounts;
import dev.apiplatform.server.echoes.DynamoEchoesRepository;
import dev.apiplatform.server.echoes.EchoesResource;
import dev.apiplatform.server.echoes.EchoesService;
import dev.apiplatform.server.idempotency.DynamoIdempotencyStore;
import dev.apiplatform.server.idempotency.Idempotency;
import dev.apiplatform.server.items.DynamoItemsRepository;
import dev.apiplatform.server.items.ItemETagFilter;
import dev.apiplatform.server.items.ItemsResource;
import dev.apiplatform.server.items.ItemsService;
import dev.apiplatform.server.offers.DynamoOffersRepository;
import dev.apiplatform.server.offers.OffersResource;
import dev.apiplatform.server.offers.OffersService;
import dev.apiplatform.server.identity.CodeHasher;
import dev.apiplatform.server.identity.EmailAccounts;
import dev.apiplatform.server.identity.IdentitySettings;
import dev.apiplatform.server.identity.IdentityStoreExceptionMapper;
import dev.apiplatform.server.identity.OneTimeCodes;
import dev.apiplatform.server.identity.PhoneSignIn;
import dev.apiplatform.server.identity.Sessions;
import dev.apiplatform.server.identity.password.PasswordHasher;
import dev.apiplatform.server.identity.password.PasswordPolicy;
import dev.apiplatform.server.identity.store.DynamoCodeStore;
import dev.apiplatform.server.identity.store.DynamoCounterStore;
import dev.apiplatform.server.identity.store.DynamoSessionStore;
import dev.apiplatform.server.identity.store.DynamoUserStore;
import dev.apiplatform.server.notify.AwsNotifier;
import dev.apiplatform.server.notify.DeliveryExceptionMapper;
import dev.apiplatform.server.notify.LoggingNotifier;
import dev.apiplatform.server.notify.Notifier;
import dev.apiplatform.server.profile.ProfileResource;
import dev.apiplatform.server.profile.ProfileService;
import dev.apiplatform.server.profile.VoiceStyles;
import dev.apiplatform.server.security.AuthenticationFilter;
import dev.apiplatform.server.security.CachedRevocations;
import dev.apiplatform.server.security.SigningKeys;
import dev.apiplatform.server.security.TokenService;
import dev.apiplatform.server.storage.AwsClients;
import dev.apiplatform.server.storage.StorageBootstrap;
import dev.apiplatform.server.storage.S3MediaStore;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.system.AwsProbes;
import dev.apiplatform.server.system.HealthService;
import dev.apiplatform.server.system.SystemResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
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

    // identity: one user store, one token issuer for every sign-in flow
    Clock clock = Clock.systemUTC();
    AppConfig.Auth auth = config.auth();
    IdentitySettings identity = new IdentitySettings(auth.otpTtl(), auth.otpMaxAttempts(), auth.emailCodeTtl(),
        auth.resetCodeTtl(), Duration.ofDays(30), Duration.ofSeconds(10), Duration.ofSeconds(60), 5, 5,
        config.stage() == Stage.DEV);
    DynamoUserStore users = new DynamoUserStore(aws.dynamoDb(), storage);
    DynamoSessionStore sessionStore = new DynamoSessionStore(aws.dynamoDb(), storage);
    DynamoCounterStore counters = new DynamoCounterStore(aws.dynamoDb(), storage);
    CachedRevocations revocations = new CachedRevocations(sessionStore::isRevoked);
    TokenService tokens = new TokenService(SigningKeys.load(config.stage(), config.dataDir(), auth.jwtSigningKeys()),
        auth.jwtIssuer(), auth.jwtAudience(), auth.accessTokenTtl(), clock, revocations);
    OneTimeCodes codes = new OneTimeCodes(new DynamoCodeStore(aws.dynamoDb(), storage), counters,
        CodeHasher.load(config.stage(), config.dataDir(), auth.codeHashKey()), identity, clock);
    Notifier notifier = config.stage() == Stage.DEV
        ? new LoggingNotifier()
        : new AwsNotifier(aws.sns(), aws.ses(), auth.emailFrom());
    Sessions sessions = new Sessions(sessionStore, users, tokens, revocations, identity, clock);
    EmailAccounts emailAccounts = new EmailAccounts(users, codes, sessions, counters, new PasswordHasher(),
        new PasswordPolicy(), notifier, identity, clock);
    PhoneSignIn phoneSignIn = new PhoneSignIn(users, codes, sessions, notifier, identity, clock);

    // marketplace (seed 004): items (and offers on them), retried POSTs made safe by Idempotency-Key
    Idempotency idempotency = new Idempotency(new DynamoIdempotencyStore(aws.dynamoDb(), storage),
        JacksonConfig.create(), clock);
    ItemsService itemsService = new ItemsService(new DynamoItemsRepository(aws.dynamoDb(), storage), clock);
    OffersService offersService = new OffersService(itemsService, new DynamoOffersRepository(aws.dynamoDb(), storage), clock);

    // Echoes (seed 002): audio in the media bucket through presigned URLs, metadata in Echoes
    EchoesService echoesService = new EchoesService(new DynamoEchoesRepository(aws.dynamoDb(), storage),
        new S3MediaStore(aws.s3(), aws.presigner(), storage.bucketName(StorageDefinitions.MEDIA_BUCKET)),
        config.maxAudioFileSize(), clock);

    ResourceConfig app = application(config, contract, List.of(
        new SystemResource(contract, health, version),
        new AuthResource(phoneSignIn, emailAccounts, sessions, new KeysDocument(tokens, auth.jwtIssuer())),
        new AccountResource(emailAccounts, sessions, new Accounts(users)),
        new ProfileResource(new ProfileService(users, VoiceStyles.standard())),
        new ItemsResource(itemsService, idempotency),
        new OffersResource(offersService, idempotency),
        new EchoesResource(echoesService)),
        new DocsResource(build.getProperty("swaggerUiVersion", ""), contract.title()));
    app.register(new AuthenticationFilter(contract, tokens));
    app.register(new AuthRateLimitFilter(new RateLimiter(auth.authRequestsPerMinute(), Duration.ofMinutes(1)),
        auth.trustedProxies(), contract));
    app.register(new IdentityStoreExceptionMapper());
    app.register(new DeliveryExceptionMapper());
    app.register(new ItemETagFilter());

    URI uri = URI.create("http://" + config.bindAddress() + ":" + config.port() + "/");
    HttpServer server = EdgeServer.create(uri, app, EdgeSettings.defaults(config.maxBodyBytes()));
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
    ContractCoverage.check(contract, apiResources);
    ResourceConfig app = new ResourceConfig();
    app.register(JacksonFeature.withoutExceptionMappers());
    app.register(new JacksonConfig());
    app.register(new RequestLogFilter());
    app.register(new UnreadBodyGuard());
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
