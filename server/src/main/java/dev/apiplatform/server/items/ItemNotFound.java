package dev.apiplatform.server.items;

import dev.apiplatform.server.domain.NotFound;

/** No item has this id. */
public final class ItemNotFound extends NotFound {

  public ItemNotFound(String itemId) {
    super("No item with id '" + itemId + "'");
  }
}
