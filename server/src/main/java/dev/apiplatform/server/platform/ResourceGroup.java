package dev.apiplatform.server.platform;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.storage.TableDefinition;
import java.util.List;

/**
 * One resource group of the contract ({@code openapi/<group>.yaml}, one tag) as one unit: what it
 * stores, and how its resources and providers are built on the shared {@link Services}.
 * {@code Platform} collects every group's declarations first (config read and validated, tables
 * and buckets created), then asks each group for its {@link Wiring}. Adding a group is one package
 * with one of these and one line in {@link Groups#all()}.
 *
 * <p>A group declares every table it touches, even one another group also declares (offers
 * writes items in its accept transaction): declarations are merged by name, so a group started
 * alone in a test still finds its tables.
 *
 * <p>Background work (the platform's one queue, {@code Services.jobs()}): a group lists the
 * queues it sends to in {@link #queues} (each gets a dead-letter queue; created at every start,
 * merged by name like tables) and the handlers of the queues it consumes in {@link #workers}.
 * Producers enqueue with {@code services.jobs().queue().enqueue(name, message)}. Handlers run in
 * the server's JVM when {@code WORKERS=on} (default in the local runtime) and in
 * {@code worker.WorkerMain} in production, from the same {@code workers(services)}: so a handler
 * is built on {@link Services} only, never on the group's HTTP wiring.
 */
public interface ResourceGroup {

  /** The contract tag this group serves; start fails unless its resources serve every operation of it. */
  String tag();

  /** DynamoDB tables this group reads or writes (logical names, unprefixed). */
  default List<TableDefinition> tables() {
    return List.of();
  }

  /** S3 buckets this group reads or writes (logical names, unprefixed). */
  default List<String> buckets() {
    return List.of();
  }

  /**
   * Queues this group enqueues to or consumes (logical names, unprefixed). Use
   * {@code settings.declare(name)} for the configured receive limit and visibility timeout.
   */
  default List<QueueDeclaration> queues(QueueSettings settings) {
    return List.of();
  }

  /**
   * The handlers of this group's queues, one {@link JobBinding} per consumed queue (its queue
   * among {@link #queues}). Called once per start, after {@link #wire}, only where workers run.
   * Handlers are idempotent: record effects through {@code services.jobs().effects()}.
   */
  default List<JobBinding> workers(Services services) {
    return List.of();
  }

  /**
   * Reads and validates this group's config section. Called for every group before any store is
   * touched, so a bad value stops the start naming its variable ({@link Env} throws
   * {@code ConfigException} with the name). Groups without settings keep the default.
   */
  default void configure(Env env) {}

  /** Builds the group's resources and providers on the shared services. Called once per start. */
  Wiring wire(Services services);
}
