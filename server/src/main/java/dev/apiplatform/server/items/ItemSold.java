package dev.apiplatform.server.items;

import dev.apiplatform.server.domain.Conflict;

/** A sold item no longer changes: a sale is final. */
public final class ItemSold extends Conflict {

  public ItemSold(String itemId) {
    super("Item '" + itemId + "' is sold; a sale is final");
  }
}
