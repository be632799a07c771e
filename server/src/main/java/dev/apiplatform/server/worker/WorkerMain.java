package dev.apiplatform.server.worker;

import dev.apiplatform.server.Lifecycle;
import dev.apiplatform.server.Platform;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.jobs.WorkerRuntime;
import dev.apiplatform.server.platform.Core;
import dev.apiplatform.server.platform.Groups;
import dev.apiplatform.server.platform.ResourceGroup;
import java.util.List;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Production entry point of the workers: the same artifact as the server
 * ({@code java -cp server.jar dev.apiplatform.server.worker.WorkerMain}), run as its own process
 * (a second ECS service / systemd unit), scaled apart from the HTTP servers. It reads the same
 * environment as {@code Main} (plus the queue section, {@code QueueSettings}), builds the same
 * {@link Core} from {@link Groups#all()} (tables and queues declared, idempotent), runs every
 * group's {@code workers(services)} and stops gracefully on SIGTERM (long polls abandoned at once;
 * {@code JOB_SHUTDOWN_GRACE_SECONDS}: running jobs finish or are handed back). In the local runtime the same handlers run inside the
 * server's JVM instead ({@code WORKERS=on}, its default there); the production {@code Main}
 * defaults to {@code WORKERS=off}.
 *
 * <p>Chosen over an SQS-triggered Lambda: the runtime's own backoff, visibility extension and
 * graceful stop would be Lambda's event-source mapping's in that case, i.e. a second retry model.
 */
public final class WorkerMain {

  private WorkerMain() {}

  /** The running workers of one process; closing stops them gracefully, then the clients. */
  public record Workers(WorkerRuntime runtime, Core core) implements AutoCloseable {
    @Override
    public void close() {
      runtime.close();
      core.close();
    }
  }

  /** Builds the core of {@code groups} and starts the consumers of their handlers. */
  public static Workers start(AppConfig config, List<ResourceGroup> groups, String version) {
    Core core = Core.start(config, groups, version, true);
    try {
      WorkerRuntime runtime = core.workers(groups);
      runtime.start();
      return new Workers(runtime, core);
    } catch (RuntimeException e) {
      core.close();
      throw e;
    }
  }

  public static void main(String[] args) throws Exception {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Workers workers;
    try {
      AppConfig config = AppConfig.fromEnvironment();
      if (config.aws().stores() == AppConfig.Stores.EMBEDDED) {
        throw new ConfigException("STORES=embedded runs the workers inside the local runtime (`make run`); "
            + "this entry point only talks to AWS: set STORES=aws");
      }
      workers = start(config, Groups.all(), Platform.buildProperties().getProperty("version", "unknown"));
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Lifecycle.runUntilSignalled(List.of(workers));
  }
}
