package dev.apiplatform.server.items;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An item for sale as the service and repository see it: exact price, owner, version. */
public record Item(String itemId, String ownerId, String name, Optional<String> description, BigDecimal price,
    String currency, List<String> imageUrls, Status status, long version, Instant createdAt, Instant updatedAt) {

  public enum Status { ACTIVE, SOLD, ARCHIVED }

  public Item {
    imageUrls = List.copyOf(imageUrls);
  }

  public Item withChanges(String name, Optional<String> description, BigDecimal price, String currency,
      List<String> imageUrls, Status status) {
    return new Item(itemId, ownerId, name, description, price, currency, imageUrls, status, version, createdAt, updatedAt);
  }
}
