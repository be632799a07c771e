package dev.apiplatform.server.platform;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.jobs.WorkerRuntime;
import dev.apiplatform.server.metrics.MetricsSettings;
import dev.apiplatform.server.metrics.PlatformMetrics;
import dev.apiplatform.server.queue.QueueBootstrap;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueNames;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.queue.SqsJobQueue;
import dev.apiplatform.server.storage.AwsClients;
import dev.apiplatform.server.storage.StorageBootstrap;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the server ({@code Platform}) and the worker process ({@code worker.WorkerMain}) both build
 * from the same groups before doing their part: every group's config section and the queue
 * section read, the clients, the tables, buckets and queues created (idempotent), and the shared
 * {@link Services}. So a handler runs on the same services in both processes.
 */
public record Core(AwsClients aws, QueueSettings queueSettings, List<QueueDeclaration> queues, Services services)
    implements AutoCloseable {

  /**
   * @param workersByDefault whether {@code WORKERS} defaults to on (local runtime) or off
   *     (production server, whose workers run in {@code WorkerMain})
   */
  public static Core start(AppConfig config, List<ResourceGroup> groups, String version, boolean workersByDefault) {
    return start(config, CompletableFuture.completedFuture(config.aws().sqsEndpoint()), groups, version,
        workersByDefault);
  }

  /**
   * The core with its SQS endpoint still to come (issue 15: the local runtime's ElasticMQ finishes
   * its start while the core starts): {@code sqsEndpoint}, when present, replaces the
   * configuration's (empty: the configuration's, or the region's SQS). Only the declaration of the
   * queues waits for it, on a thread of its own beside the tables and buckets; this returns once
   * both are done, so the job queue, its producers and the workers never see a queue that does
   * not exist yet. Every start goes this way, the first overload with an endpoint already known.
   * A failed {@code sqsEndpoint} fails the start with its own exception, once the tables and
   * buckets under way are done; the clients are closed then.
   */
  public static Core start(AppConfig config, CompletionStage<Optional<URI>> sqsEndpoint, List<ResourceGroup> groups,
      String version, boolean workersByDefault) {
    // operations of other stages (x-stages) neither route nor show in the served contract
    Contract contract = Contract.load(config.stage());
    groups.forEach(group -> group.configure(config.env()));
    QueueSettings queueSettings = QueueSettings.from(config.env(), workersByDefault);
    // first: the AWS clients carry its interceptor (DynamoDB and S3 call latencies)
    PlatformMetrics metrics = PlatformMetrics.start(MetricsSettings.from(config.env(), config.stage()), contract,
        Clock.systemUTC());
    AwsClients aws = new AwsClients(config, metrics.awsInterceptors());
    try {
      StorageDefinitions storage = Groups.storage(config.stage(), config.aws().bucketNamespace(), groups);
      List<QueueDeclaration> queues = Groups.queues(queueSettings, groups);
      // the queues (SQS) are declared while the tables and buckets (DynamoDB, S3) are created:
      // different services, no order between them (issue 15: start time)
      CompletableFuture<Declared> declared = inBackground("queue-bootstrap", () -> {
        AppConfig queueConfig = join(sqsEndpoint.toCompletableFuture()).map(config::withQueue).orElse(config);
        SqsClient sqs = aws.sqs(queueConfig.aws().sqsEndpoint(), queueSettings.pollWait());
        return new Declared(queueConfig, sqs, new QueueBootstrap(sqs, QueueNames.of(queueConfig)).ensure(queues));
      });
      try {
        new StorageBootstrap(aws.dynamoDb(), aws.s3()).ensure(storage);
      } catch (RuntimeException e) {
        // waited for: the caller closes the clients; its own failure is reported with this one
        Throwable queueFailure = declared.handle((done, failure) -> failure).join();
        if (queueFailure != null) e.addSuppressed(queueFailure);
        throw e;
      }
      Declared done = join(declared);
      SqsJobQueue queue = new SqsJobQueue(done.sqs(), done.urls());
      Services services = Services.start(done.config(), contract, version, Clock.systemUTC(), aws, storage, queue,
          queueSettings, metrics);
      return new Core(aws, queueSettings, queues, services);
    } catch (RuntimeException e) {
      aws.close();
      metrics.close();
      throw e;
    }
  }

  /** The queues declared: on {@code sqs}, whose endpoint {@code config} names. */
  private record Declared(AppConfig config, SqsClient sqs, Map<String, QueueBootstrap.Urls> urls) {}

  private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(work.get());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error error) throw error;
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The worker runtime with the handlers of the shared core and of {@code groups} registered,
   * not started. Fails when a handler's queue is not declared.
   */
  public WorkerRuntime workers(List<ResourceGroup> groups) {
    WorkerRuntime runtime = new WorkerRuntime(services.jobs().queue(), new WorkerRuntime.Options(
        queueSettings.pollWait(), queueSettings.shutdownGrace(), queueSettings.backoff()),
        services.clock(), services.jobs().stats().ages());
    runtime.listen(services.metrics().jobOutcomes());
    List<JobBinding> bindings = new ArrayList<>(Services.workers(services));
    groups.forEach(group -> bindings.addAll(group.workers(services)));
    Set<String> declared = queues.stream().map(QueueDeclaration::name).collect(Collectors.toSet());
    for (JobBinding binding : bindings) {
      if (!declared.contains(binding.queue().name())) {
        throw new IllegalStateException("A handler consumes " + binding.queue().name() + ", which no group declares");
      }
      runtime.register(binding.queue(), binding.handler(), binding.concurrency());
    }
    return runtime;
  }

  @Override
  public void close() {
    aws.close();
    services.metrics().close();
  }
}
