package dev.apiplatform.server.items;

import dev.apiplatform.server.domain.NotPermitted;

/** Only an item's owner changes or deletes it. */
public final class NotItemOwner extends NotPermitted {

  public NotItemOwner(String itemId) {
    super("You do not own item '" + itemId + "'");
  }
}
