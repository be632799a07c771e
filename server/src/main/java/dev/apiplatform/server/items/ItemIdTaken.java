package dev.apiplatform.server.items;

import dev.apiplatform.server.domain.Conflict;

/** The client-chosen item id is in use. */
public final class ItemIdTaken extends Conflict {

  public ItemIdTaken(String itemId) {
    super("An item with id '" + itemId + "' already exists");
  }
}
