package dev.apiplatform.server.storage;

import dev.apiplatform.server.queue.SqsClients;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;

import dev.apiplatform.server.config.AppConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.location.LocationClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The AWS SDK clients, built once per process with call timeouts. Embedded and AWS mode differ
 * only in endpoint and credentials; the code that uses the clients is the same.
 */
public final class AwsClients implements AutoCloseable {

  private final SdkHttpClient http;
  private final ScheduledThreadPoolExecutor timeoutScheduler;
  private final DynamoDbClient dynamoDb;
  private final S3Client s3;
  private final S3Presigner presigner;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final ClientOverrideConfiguration timeouts;
  private final AppConfig config;
  private final PartBuffers partBuffers;
  private SnsClient sns;
  private SesV2Client ses;
  private SqsClient sqs;
  private LocationClient location;

  public AwsClients(AppConfig config) {
    this(config, List.of());
  }

  /** @param interceptors on every client but SQS's (metrics: DynamoDB and S3 call latencies) */
  public AwsClients(AppConfig config, List<ExecutionInterceptor> interceptors) {
    this.config = config;
    this.partBuffers = PartBuffers.from(config.env());
    this.region = Region.of(config.aws().region());
    this.credentials = config.aws().credentials()
        .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
            AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    this.timeoutScheduler = timeoutScheduler();
    this.timeouts = ClientOverrideConfiguration.builder()
        .apiCallTimeout(config.aws().callTimeout())
        .apiCallAttemptTimeout(config.aws().callTimeout().dividedBy(2))
        .executionInterceptors(interceptors)
        .scheduledExecutorService(timeoutScheduler)
        .build();
    // The SDK's Apache client rather than url-connection: on the authenticated item read at a
    // fixed 500 req/s it cost 548 instead of 677 us of platform CPU per request (bench/items.sh,
    // bench/README.md), and its pool keeps one connection per concurrent call, where
    // HttpURLConnection keeps 5 (http.maxConnections) and reconnects beyond that. Call and attempt
    // timeouts stay on the clients (above); these bound connecting, reading and waiting for a
    // pooled connection.
    this.http = ApacheHttpClient.builder()
        .maxConnections(64)
        .connectionTimeout(java.time.Duration.ofSeconds(2))
        .connectionAcquisitionTimeout(config.aws().callTimeout())
        .socketTimeout(config.aws().callTimeout())
        .tcpKeepAlive(true)
        .build();

    var dynamoBuilder = DynamoDbClient.builder()
        .region(region).credentialsProvider(credentials).httpClient(http).overrideConfiguration(timeouts);
    config.aws().dynamoDbEndpoint().ifPresent(dynamoBuilder::endpointOverride);
    this.dynamoDb = dynamoBuilder.build();

    // path-style when the endpoint is overridden: local S3 servers have no per-bucket DNS
    boolean pathStyle = config.aws().s3Endpoint().isPresent();
    S3Configuration s3Config = S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build();
    var s3Builder = S3Client.builder()
        .region(region).credentialsProvider(credentials).httpClient(http)
        .overrideConfiguration(timeouts).serviceConfiguration(s3Config);
    config.aws().s3Endpoint().ifPresent(s3Builder::endpointOverride);
    this.s3 = s3Builder.build();

    var presignerBuilder = S3Presigner.builder()
        .region(region).credentialsProvider(credentials).serviceConfiguration(s3Config);
    config.aws().s3Endpoint().ifPresent(presignerBuilder::endpointOverride);
    this.presigner = presignerBuilder.build();
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  public S3Client s3() {
    return s3;
  }

  public S3Presigner presigner() {
    return presigner;
  }

  /** The process's one pool of part buffers for streamed S3 writes (MEDIA_PART_BUFFERS, MEDIA_PART_WAIT_MS). */
  public PartBuffers partBuffers() {
    return partBuffers;
  }

  /** Built on first use: only the prod notifier sends SMS, so dev never creates it. */
  public synchronized SnsClient sns() {
    if (sns == null) {
      var builder = SnsClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
          .overrideConfiguration(timeouts);
      config.aws().snsEndpoint().ifPresent(builder::endpointOverride);
      sns = builder.build();
    }
    return sns;
  }

  /** Built on first use, like {@link #sns()}. */
  public synchronized SesV2Client ses() {
    if (ses == null) {
      var builder = SesV2Client.builder().region(region).credentialsProvider(credentials).httpClient(http)
          .overrideConfiguration(timeouts);
      config.aws().sesEndpoint().ifPresent(builder::endpointOverride);
      ses = builder.build();
    }
    return ses;
  }

  /**
   * Amazon Location (events geocoding, prod only when {@code GEO_PLACE_INDEX} names a place
   * index), built on first use like {@link #sns()}: the shared HTTP client, timeouts and timeout
   * scheduler, so it adds no pool of its own (the SDK's default would be another Apache pool and
   * five {@code sdk-ScheduledExecutor} threads), and {@link #close()} closes it with the others.
   */
  public synchronized LocationClient location() {
    if (location == null) {
      location = LocationClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
          .overrideConfiguration(timeouts).build();
    }
    return location;
  }

  /**
   * The SQS client on the configuration's endpoint, built on first use with its own HTTP client
   * ({@link SqsClients}: a long poll outlasts the shared call timeout). {@code pollWait} of the
   * first call wins.
   */
  public SqsClient sqs(Duration pollWait) {
    return sqs(config.aws().sqsEndpoint(), pollWait);
  }

  /**
   * The SQS client on {@code endpoint} (empty: the region's SQS), for a caller that learns the
   * endpoint after the other clients were built (the core, while an embedded SQS still starts).
   * Built on first use; the endpoint and {@code pollWait} of the first call win.
   */
  public synchronized SqsClient sqs(Optional<URI> endpoint, Duration pollWait) {
    if (sqs == null) {
      sqs = SqsClients.create(region, credentials, endpoint, config.aws().callTimeout(), pollWait, timeoutScheduler);
    }
    return sqs;
  }

  @Override
  public synchronized void close() {
    if (sqs != null) sqs.close();
    if (sns != null) sns.close();
    if (ses != null) ses.close();
    if (location != null) location.close();
    presigner.close();
    s3.close();
    dynamoDb.close();
    http.close();
    // the SDK never shuts down an executor it was given; the clients are closed, so the timeouts
    // still pending guard no call of theirs
    timeoutScheduler.shutdownNow();
  }

  /**
   * The one scheduler of every client's call and attempt timeouts (issue 15). Each SDK client
   * otherwise builds its own pool of 5 ({@code sdk-ScheduledExecutor}): 15 threads at idle for
   * DynamoDB, S3 and SQS, every one a stack that each young collection walks. Its only work is
   * to start a timeout task per call and attempt and, when one fires, interrupt the caller and
   * abort its HTTP request, which takes microseconds: one thread does it on the 2-core machine
   * the platform is sized for. A timeout is cancelled when its call ends; removing it from the
   * queue then keeps the queue as long as the calls under way, instead of holding every cancelled
   * task until its delay (5 s at 2 per call) ran out.
   */
  private static ScheduledThreadPoolExecutor timeoutScheduler() {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "aws-sdk-timeouts");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }
}
