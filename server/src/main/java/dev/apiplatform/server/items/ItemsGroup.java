package dev.apiplatform.server.items;

import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.TableDefinition;
import java.util.List;

/** The marketplace's owned items (seed 004) with ETag/If-Match and Idempotency-Key. */
public final class ItemsGroup implements ResourceGroup {

  /** Also declared by the offers group, whose accept transaction writes items. */
  public static final TableDefinition ITEMS = TableDefinition.of(StorageDefinitions.ITEMS_TABLE, "item_id")
      .withIndex(StorageDefinitions.ITEMS_STATUS_INDEX, "status", "list_key")
      .withIndex(StorageDefinitions.ITEMS_OWNER_INDEX, "owner_id", "list_key");

  @Override
  public String tag() {
    return "items";
  }

  @Override
  public List<TableDefinition> tables() {
    return List.of(ITEMS);
  }

  @Override
  public Wiring wire(Services services) {
    ItemsService items = service(services);
    return Wiring.of(new ItemsResource(items, services.idempotency())).provider(new ItemETagFilter());
  }

  /** The items rules over the shared clients: the offers group builds its own over the same table. */
  public static ItemsService service(Services services) {
    return new ItemsService(new DynamoItemsRepository(services.aws().dynamoDb(), services.storage()), services.clock());
  }
}
