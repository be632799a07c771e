package dev.apiplatform.server.worker;

import dev.apiplatform.server.Lifecycle;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.jobs.WorkerRuntime;
import dev.apiplatform.server.queue.QueueBootstrap;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueNames;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.queue.SqsClients;
import dev.apiplatform.server.queue.SqsJobQueue;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.slf4j.bridge.SLF4JBridgeHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Production entry point of the workers: the same artifact as the server
 * ({@code java -cp server.jar dev.apiplatform.server.worker.WorkerMain}), run as its own process
 * (a second ECS service / systemd unit), scaled apart from the HTTP servers. It reads the same
 * environment as {@code Main} plus the queue variables of {@link QueueSettings}, declares the
 * queues (idempotent), runs the registered handlers and stops gracefully on SIGTERM
 * ({@code SHUTDOWN_GRACE_SECONDS}: running jobs finish or are handed back). In the embedded
 * runtime the same {@link #start} runs inside the server's JVM instead ({@code WORKERS=on}).
 *
 * <p>Chosen over an SQS-triggered Lambda: the runtime's own backoff, visibility extension and
 * graceful stop would be Lambda's event-source mapping's in that case, i.e. a second retry model.
 */
public final class WorkerMain {

  private WorkerMain() {}

  /** The running workers of one process; closing stops them gracefully, then the client. */
  public record Workers(WorkerRuntime runtime, SqsJobQueue queue, SqsClient sqs) implements AutoCloseable {
    @Override
    public void close() {
      runtime.close();
      sqs.close();
    }
  }

  /**
   * Declares the queues and starts the consumers of the bindings.
   *
   * @param declarations every queue of the platform (producers' too); each binding's queue among them
   * @param handlers builds the bindings once the queue exists (handlers may enqueue follow-up jobs)
   */
  public static Workers start(AppConfig config, QueueSettings settings, List<QueueDeclaration> declarations,
      Function<SqsJobQueue, List<JobBinding>> handlers) {
    SqsClient sqs = SqsClients.create(Region.of(config.aws().region()), credentials(config), settings.sqsEndpoint(),
        config.aws().callTimeout(), settings.pollWait());
    try {
      var urls = new QueueBootstrap(sqs, new QueueNames(config.stage())).ensure(declarations);
      SqsJobQueue queue = new SqsJobQueue(sqs, urls);
      WorkerRuntime runtime = new WorkerRuntime(queue,
          new WorkerRuntime.Options(settings.pollWait(), config.http().shutdownGrace(), settings.backoff()), Clock.systemUTC());
      for (JobBinding b : handlers.apply(queue)) {
        if (!urls.containsKey(b.queue().name())) throw new IllegalArgumentException("Undeclared queue " + b.queue());
        runtime.register(b.queue(), b.handler(), b.concurrency());
      }
      runtime.start();
      return new Workers(runtime, queue, sqs);
    } catch (RuntimeException e) {
      sqs.close();
      throw e;
    }
  }

  public static void main(String[] args) throws Exception {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    AppConfig config;
    QueueSettings settings;
    try {
      config = AppConfig.fromEnvironment();
      settings = QueueSettings.fromEnvironment(System.getenv(), true);
      if (config.aws().stores() == AppConfig.Stores.EMBEDDED) {
        throw new ConfigException("STORES=embedded runs the workers inside the local runtime (`make run`); "
            + "this entry point only talks to AWS: set STORES=aws");
      }
      if (PlatformJobs.declarations(settings).isEmpty()) {
        throw new ConfigException("No job handlers are registered in this build; nothing to run");
      }
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Workers workers = start(config, settings, PlatformJobs.declarations(settings),
        queue -> PlatformJobs.bindings(config, settings, queue));
    Lifecycle.runUntilSignalled(List.of(workers));
  }

  /** As {@code AwsClients}: static credentials only when configured (embedded), else the default chain. */
  private static AwsCredentialsProvider credentials(AppConfig config) {
    return config.aws().credentials()
        .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
            AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }
}
