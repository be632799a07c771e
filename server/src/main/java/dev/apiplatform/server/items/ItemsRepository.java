package dev.apiplatform.server.items;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Items storage: conditional writes keep item ids unique and versions linear. */
public interface ItemsRepository {

  /** Thrown by {@link #create} when the id is taken. */
  final class ItemIdTakenException extends RuntimeException {
    public ItemIdTakenException(String itemId) {
      super("Item id " + itemId + " is taken", null, false, false);
    }
  }

  /** Thrown by {@link #update}/{@link #delete} when the stored version is not the expected one (or the item is gone). */
  final class StaleItemException extends RuntimeException {
    public StaleItemException(String itemId) {
      super("Item " + itemId + " changed", null, false, false);
    }
  }

  /** Stores a new item (version 1); {@link ItemIdTakenException} when the id exists. */
  Item create(Item item);

  Optional<Item> find(String itemId);

  /** Writes {@code changed} as version {@code changed.version() + 1} if the stored one is still {@code changed.version()}. */
  Item update(Item changed);

  void delete(String itemId, long expectedVersion);

  /**
   * Newest first. {@code ownerId} present: that owner's items, any status; absent: ACTIVE items.
   * {@code cursor} is what a previous page returned.
   */
  Page list(Optional<String> ownerId, Optional<BigDecimal> minPrice, Optional<BigDecimal> maxPrice,
      Optional<String> nameContains, Optional<Cursor> cursor, int limit);

  record Cursor(String listKey, String itemId) {}

  record Page(List<Item> items, Optional<Cursor> next) {}
}
