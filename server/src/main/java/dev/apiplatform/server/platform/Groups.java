package dev.apiplatform.server.platform;

import dev.apiplatform.server.account.AccountGroup;
import dev.apiplatform.server.auth.AuthGroup;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.devroutes.DebugGroup;
import dev.apiplatform.server.devroutes.TestGroup;
import dev.apiplatform.server.echoes.EchoesGroup;
import dev.apiplatform.server.insights.InsightsGroup;
import dev.apiplatform.server.ws.WsGroup;
import dev.apiplatform.server.events.EventsGroup;
import dev.apiplatform.server.events.UsersGroup;
import dev.apiplatform.server.health.HealthDataGroup;
import dev.apiplatform.server.healthkit.HealthKitGroup;
import dev.apiplatform.server.pat.PatGroup;
import dev.apiplatform.server.items.ItemsGroup;
import dev.apiplatform.server.metrics.MetricsGroup;
import dev.apiplatform.server.offers.OffersGroup;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.profile.ProfileGroup;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.TableDefinition;
import dev.apiplatform.server.strava.StravaGroup;
import dev.apiplatform.server.system.SystemGroup;
import dev.apiplatform.server.webhooks.WebhooksGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The resource groups the platform serves: adding a group is one line here. */
public final class Groups {

  private Groups() {}

  /** Every group, new instances each call (a group keeps the config section it read). */
  public static List<ResourceGroup> all() {
    return List.of(
        new SystemGroup(),
        new AuthGroup(),
        new AccountGroup(),
        new ProfileGroup(),
        new ItemsGroup(),
        new OffersGroup(),
        new EchoesGroup(),
        new StravaGroup(),
        new WebhooksGroup(),
        new PatGroup(),
        new HealthDataGroup(),
        new HealthKitGroup(),
        new UsersGroup(),
        new EventsGroup(),
        new MetricsGroup(),
        new InsightsGroup(),
        new TestGroup(),
        new DebugGroup(),
        new WsGroup());
  }

  /**
   * The queues of the shared core ({@link Services#queues}) and of the given groups, merged by
   * name: two groups may declare one queue, but only the same way.
   */
  public static List<QueueDeclaration> queues(QueueSettings settings, List<ResourceGroup> groups) {
    Map<String, QueueDeclaration> queues = new LinkedHashMap<>();
    List<QueueDeclaration> declared = new ArrayList<>(Services.queues(settings));
    groups.forEach(group -> declared.addAll(group.queues(settings)));
    for (QueueDeclaration queue : declared) {
      QueueDeclaration before = queues.putIfAbsent(queue.name(), queue);
      if (before != null && !before.equals(queue)) {
        throw new IllegalStateException("queue " + queue.name() + " is declared twice, differently: " + before
            + " and " + queue);
      }
    }
    return List.copyOf(queues.values());
  }

  /**
   * The tables and buckets of the shared core and of the given groups, merged by name. Two
   * groups may declare the same table, but only with the same definition.
   */
  public static StorageDefinitions storage(Stage stage, String bucketNamespace, List<ResourceGroup> groups) {
    Map<String, TableDefinition> tables = new LinkedHashMap<>();
    Set<String> buckets = new LinkedHashSet<>();
    List<TableDefinition> declared = new ArrayList<>(Services.TABLES);
    for (ResourceGroup group : groups) {
      declared.addAll(group.tables());
      buckets.addAll(group.buckets());
    }
    for (TableDefinition table : declared) {
      TableDefinition before = tables.putIfAbsent(table.name(), table);
      if (before != null && !before.equals(table)) {
        throw new IllegalStateException("table " + table.name() + " is declared twice, differently: " + before
            + " and " + table);
      }
    }
    return new StorageDefinitions(stage, bucketNamespace, List.copyOf(tables.values()), List.copyOf(buckets));
  }
}
