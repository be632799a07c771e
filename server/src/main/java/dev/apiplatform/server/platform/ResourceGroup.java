package dev.apiplatform.server.platform;

import dev.apiplatform.server.config.Env;
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
 * alone in a test still finds its tables. Queues and workers will be declared here too
 * ({@code queues()}, {@code workers()}) once the queue abstraction lands.
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
   * Reads and validates this group's config section. Called for every group before any store is
   * touched, so a bad value stops the start naming its variable ({@link Env} throws
   * {@code ConfigException} with the name). Groups without settings keep the default.
   */
  default void configure(Env env) {}

  /** Builds the group's resources and providers on the shared services. Called once per start. */
  Wiring wire(Services services);
}
