package dev.apiplatform.server.testing;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.storage.TableDefinition;
import java.util.List;
import java.util.function.Consumer;

/**
 * A resource group exactly as in production, whose {@link Services} a test is handed when the
 * group is wired: to look into the stores the group writes (an object in its bucket, say).
 */
public record Observed(ResourceGroup group, Consumer<Services> onWire) implements ResourceGroup {

  @Override
  public String tag() {
    return group.tag();
  }

  @Override
  public List<TableDefinition> tables() {
    return group.tables();
  }

  @Override
  public List<String> buckets() {
    return group.buckets();
  }

  @Override
  public List<QueueDeclaration> queues(QueueSettings settings) {
    return group.queues(settings);
  }

  @Override
  public List<JobBinding> workers(Services services) {
    return group.workers(services);
  }

  @Override
  public void configure(Env env) {
    group.configure(env);
  }

  @Override
  public Wiring wire(Services services) {
    onWire.accept(services);
    return group.wire(services);
  }
}
