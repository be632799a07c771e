package dev.apiplatform.server.queue;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SQS client. Its own HTTP client, because a long poll holds the connection for up to
 * {@code pollWait}: the shared clients' socket and call timeouts ({@code AWS_CALL_TIMEOUT_MS}) are
 * shorter than that. Every other call keeps {@code callTimeout}. The HTTP client can abandon a
 * receive under way ({@link AbandonableReceives}), which {@link SqsJobQueue} finds for its client
 * here, so a stop does not wait out a long poll.
 */
public final class SqsClients {

  private static final Map<SqsClient, AbandonableReceives> RECEIVES = Collections.synchronizedMap(new WeakHashMap<>());

  private SqsClients() {}

  public static SqsClient create(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint,
      Duration callTimeout, Duration pollWait) {
    return create(region, credentials, endpoint, callTimeout, pollWait, null);
  }

  /**
   * @param timeoutScheduler runs the call and attempt timeouts (the SDK does not shut it down);
   *     {@code null}: the client builds and closes its own
   */
  public static SqsClient create(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint,
      Duration callTimeout, Duration pollWait, ScheduledExecutorService timeoutScheduler) {
    Duration longest = pollWait.plus(callTimeout);
    var http = new AbandonableReceives(UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(longest)
        .build());
    var builder = SqsClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
        .overrideConfiguration(o -> {
          o.apiCallTimeout(longest).apiCallAttemptTimeout(longest);
          if (timeoutScheduler != null) o.scheduledExecutorService(timeoutScheduler);
        });
    endpoint.ifPresent(builder::endpointOverride);
    SqsClient client = builder.build();
    RECEIVES.put(client, http);
    return client;
  }

  /** The abandonable HTTP client of {@code client}, when this class built it. */
  static Optional<AbandonableReceives> receives(SqsClient client) {
    return Optional.ofNullable(RECEIVES.get(client));
  }
}
