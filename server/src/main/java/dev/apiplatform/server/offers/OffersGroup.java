package dev.apiplatform.server.offers;

import dev.apiplatform.server.items.ItemsGroup;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.TableDefinition;
import java.util.List;

/** Offers on marketplace items, accepted atomically with the item's sale (seed 004). */
public final class OffersGroup implements ResourceGroup {

  @Override
  public String tag() {
    return "offers";
  }

  @Override
  public List<TableDefinition> tables() {
    return List.of(
        TableDefinition.of(StorageDefinitions.OFFERS_TABLE, "offer_id")
            .withIndex(StorageDefinitions.OFFERS_ITEM_INDEX, "item_id", "list_key"),
        ItemsGroup.ITEMS);
  }

  @Override
  public Wiring wire(Services services) {
    OffersService offers = new OffersService(ItemsGroup.service(services),
        new DynamoOffersRepository(services.aws().dynamoDb(), services.storage()), services.clock());
    return Wiring.of(new OffersResource(offers, services.idempotency()));
  }
}
