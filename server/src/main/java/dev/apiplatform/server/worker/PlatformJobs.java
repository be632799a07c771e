package dev.apiplatform.server.worker;

import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.queue.SqsJobQueue;
import java.util.List;

/**
 * The platform's queues and their handlers, for {@link WorkerMain}. Empty until the groups
 * contribute theirs (issue 9, phase 2: the notifier's {@code notifications} queue first); then
 * this is the list the resource-group units give, the same one the embedded runtime registers.
 */
final class PlatformJobs {

  private PlatformJobs() {}

  static List<QueueDeclaration> declarations(QueueSettings settings) {
    return List.of();
  }

  static List<JobBinding> bindings(AppConfig config, QueueSettings settings, SqsJobQueue queue) {
    return List.of();
  }
}
