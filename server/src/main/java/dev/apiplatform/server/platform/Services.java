package dev.apiplatform.server.platform;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.idempotency.DynamoIdempotencyStore;
import dev.apiplatform.server.idempotency.Idempotency;
import dev.apiplatform.server.identity.CodeHasher;
import dev.apiplatform.server.identity.EmailAccounts;
import dev.apiplatform.server.identity.IdentitySettings;
import dev.apiplatform.server.identity.OneTimeCodes;
import dev.apiplatform.server.identity.PhoneSignIn;
import dev.apiplatform.server.identity.Sessions;
import dev.apiplatform.server.identity.password.PasswordHasher;
import dev.apiplatform.server.identity.password.PasswordPolicy;
import dev.apiplatform.server.identity.store.DynamoCodeStore;
import dev.apiplatform.server.identity.store.DynamoCounterStore;
import dev.apiplatform.server.identity.store.DynamoSessionStore;
import dev.apiplatform.server.identity.store.DynamoUserStore;
import dev.apiplatform.server.identity.store.UserStore;
import dev.apiplatform.server.jobs.EffectLedger;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.jobs.JobRecords;
import dev.apiplatform.server.jobs.JobStatusService;
import dev.apiplatform.server.jobs.JobTables;
import dev.apiplatform.server.metrics.PlatformMetrics;
import dev.apiplatform.server.notify.AwsNotifier;
import dev.apiplatform.server.queue.JobQueue;
import dev.apiplatform.server.queue.QueueAges;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.queue.QueueStats;
import dev.apiplatform.server.notify.LoggingNotifier;
import dev.apiplatform.server.notify.NotificationQueue;
import dev.apiplatform.server.notify.NotificationWorker;
import dev.apiplatform.server.notify.Notifier;
import dev.apiplatform.server.notify.PayloadCipher;
import dev.apiplatform.server.security.CachedRevocations;
import dev.apiplatform.server.security.SigningKeys;
import dev.apiplatform.server.security.TokenService;
import dev.apiplatform.server.storage.AwsClients;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.TableDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What every group shares, built once per start: config, contract, clock, the AWS clients and
 * storage names, and the identity core (one user store, one token issuer for every sign-in
 * flow), plus Idempotency-Key handling. Groups build their own services on top of these.
 */
public final class Services {

  /**
   * Tables of the shared core, created whatever groups start: identity ({@code Users},
   * {@code Codes}, {@code Sessions}, {@code RefreshTokens}, {@code Counters}),
   * {@code Idempotency}, and the job runtime's {@code Jobs} and {@code JobEffects}.
   */
  public static final List<TableDefinition> TABLES = List.of(
      TableDefinition.of(StorageDefinitions.USERS_TABLE, "user_id")
          .withIndex(StorageDefinitions.USERS_PHONE_INDEX, "phoneNumber", null)
          .withIndex(StorageDefinitions.USERS_EMAIL_INDEX, "email", null)
          .withIndex(StorageDefinitions.USERS_STRAVA_INDEX, "stravaUserId", null),
      TableDefinition.of(StorageDefinitions.CODES_TABLE, "code_key"),
      TableDefinition.of(StorageDefinitions.SESSIONS_TABLE, "session_id")
          .withIndex(StorageDefinitions.SESSIONS_USER_INDEX, "user_id", null),
      TableDefinition.of(StorageDefinitions.REFRESH_TOKENS_TABLE, "token_hash"),
      TableDefinition.of(StorageDefinitions.COUNTERS_TABLE, "counter_key"),
      TableDefinition.of(StorageDefinitions.IDEMPOTENCY_TABLE, "idempotency_key"),
      JobTables.JOBS,
      JobTables.JOB_EFFECTS);

  /** Queues of the shared core, created whatever groups start: outbound SMS and email. */
  public static List<QueueDeclaration> queues(QueueSettings settings) {
    return List.of(settings.declare(NotificationQueue.QUEUE));
  }

  /** Handlers of the shared core's queues: the sender of queued notifications. */
  static List<JobBinding> workers(Services services) {
    QueueSettings settings = services.jobs().settings();
    return List.of(new JobBinding(settings.declare(NotificationQueue.QUEUE),
        new NotificationWorker(services.delivery, services.payloads, services.jobs().effects(),
            settings.visibilityTimeout()), settings.concurrency()));
  }

  private final AppConfig config;
  private final Contract contract;
  private final String version;
  private final Clock clock;
  private final AwsClients aws;
  private final StorageDefinitions storage;
  private final Identity identity;
  private final Idempotency idempotency;
  private final Jobs jobs;
  /** The notifier that really sends (SNS/SES, or the log in dev); only the worker calls it. */
  private final Notifier delivery;
  private final PayloadCipher payloads;
  /** The queued notifier every group sends SMS and email through (sent later by the worker). */
  private final Notifier notifications;
  private final PlatformMetrics metrics;

  /** The identity core the auth, account and profile groups (and later others) serve. */
  public record Identity(UserStore users, TokenService tokens, Sessions sessions, EmailAccounts emailAccounts,
      PhoneSignIn phoneSignIn, CachedRevocations revocations) {}

  /**
   * Background work (issue 9): the one queue (send with {@code queue().enqueue(name, message)}
   * to a queue a group declared), job records a client polls ({@code records()} and the
   * {@code GET .../{id}} helper {@code status()}), and the effect ledger handlers record their
   * effects in ({@code effects().applyOnce} / {@code claim}), so a redelivery does nothing twice.
   * {@code stats()} is what /health and the metrics report of every declared queue (cached).
   */
  public record Jobs(JobQueue queue, QueueSettings settings, JobRecords records, JobStatusService status,
      EffectLedger effects, QueueStats stats) {}

  /** Builds the shared services on clients, storage and queues that are ready (created). */
  public static Services start(AppConfig config, Contract contract, String version, Clock clock, AwsClients aws,
      StorageDefinitions storage, JobQueue queue, QueueSettings queueSettings, PlatformMetrics metrics) {
    return new Services(config, contract, version, clock, aws, storage, queue, queueSettings, metrics);
  }

  private Services(AppConfig config, Contract contract, String version, Clock clock, AwsClients aws,
      StorageDefinitions storage, JobQueue queue, QueueSettings queueSettings, PlatformMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.contract = contract;
    this.version = version;
    this.clock = clock;
    this.aws = aws;
    this.storage = storage;
    JobRecords records = new JobRecords(aws.dynamoDb(), storage, clock);
    this.jobs = new Jobs(queue, queueSettings, records, new JobStatusService(records),
        new EffectLedger(aws.dynamoDb(), storage, clock),
        new QueueStats(queue, new QueueAges(clock), clock, queueSettings.statsTtl()));
    CodeHasher hasher = CodeHasher.load(config.stage(), config.dataDir(), config.auth().codeHashKey());
    this.payloads = new PayloadCipher(hasher.deriveKey("notification-payload"), NotificationQueue.QUEUE);
    this.delivery = config.stage() == Stage.DEV
        ? new LoggingNotifier()
        : new AwsNotifier(aws.sns(), aws.ses(), config.auth().emailFrom());
    this.notifications = new NotificationQueue(queue, payloads, clock);
    this.identity = identity(config, aws, storage, clock, hasher, notifications);
    this.idempotency = new Idempotency(new DynamoIdempotencyStore(aws.dynamoDb(), storage), JacksonConfig.create(), clock);
  }

  private static Identity identity(AppConfig config, AwsClients aws, StorageDefinitions storage, Clock clock,
      CodeHasher hasher, Notifier notifier) {
    AppConfig.Auth auth = config.auth();
    IdentitySettings settings = new IdentitySettings(auth.otpTtl(), auth.otpMaxAttempts(), auth.emailCodeTtl(),
        auth.resetCodeTtl(), Duration.ofDays(30), Duration.ofSeconds(10), auth.codeResendInterval(),
        auth.codesPerHour(), 5,
        config.stage() == Stage.DEV);
    DynamoUserStore users = new DynamoUserStore(aws.dynamoDb(), storage);
    DynamoSessionStore sessionStore = new DynamoSessionStore(aws.dynamoDb(), storage);
    DynamoCounterStore counters = new DynamoCounterStore(aws.dynamoDb(), storage);
    CachedRevocations revocations = new CachedRevocations(sessionStore::isRevoked);
    TokenService tokens = new TokenService(SigningKeys.load(config.stage(), config.dataDir(), auth.jwtSigningKeys()),
        auth.jwtIssuer(), auth.jwtAudience(), auth.accessTokenTtl(), clock, revocations);
    OneTimeCodes codes = new OneTimeCodes(new DynamoCodeStore(aws.dynamoDb(), storage), counters,
        hasher, settings, clock);
    Sessions sessions = new Sessions(sessionStore, users, tokens, revocations, settings, clock);
    EmailAccounts emailAccounts = new EmailAccounts(users, codes, sessions, counters, new PasswordHasher(),
        new PasswordPolicy(), notifier, settings, clock);
    PhoneSignIn phoneSignIn = new PhoneSignIn(users, codes, sessions, notifier, settings, clock);
    return new Identity(users, tokens, sessions, emailAccounts, phoneSignIn, revocations);
  }

  public AppConfig config() {
    return config;
  }

  public Contract contract() {
    return contract;
  }

  /** The build's version (platform-build.properties). */
  public String version() {
    return version;
  }

  public Clock clock() {
    return clock;
  }

  public AwsClients aws() {
    return aws;
  }

  public StorageDefinitions storage() {
    return storage;
  }

  public Identity identity() {
    return identity;
  }

  public Idempotency idempotency() {
    return idempotency;
  }

  public Jobs jobs() {
    return jobs;
  }

  /**
   * The one way a group sends SMS or email: durably queued on {@code notifications}, sent by
   * the shared {@link NotificationWorker} (retries, dead letter, once per message).
   */
  public Notifier notifications() {
    return notifications;
  }

  /** The one metrics registry and its hooks (request filter, AWS interceptor, job outcomes). */
  public PlatformMetrics metrics() {
    return metrics;
  }
}
