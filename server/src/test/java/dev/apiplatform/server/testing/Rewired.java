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
import java.util.function.Function;

/**
 * A resource group as in production (its tables, buckets, queues, config and workers) whose
 * HTTP wiring a test replaces ({@link #wiring}), or only watches ({@link #observed}): to look into
 * the stores the group writes, or to wire its service on a deliberately failing dependency.
 */
public record Rewired(ResourceGroup group, Function<Services, Wiring> wiring) implements ResourceGroup {

  /** {@code group} unchanged; {@code onWire} is handed the services it is wired on. */
  public static Rewired observed(ResourceGroup group, Consumer<Services> onWire) {
    return new Rewired(group, services -> {
      onWire.accept(services);
      return group.wire(services);
    });
  }

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
    return wiring.apply(services);
  }
}
