package dev.apiplatform.server.offers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** An offer on an item: the buyer, the item's seller at the time, an exact amount in the item's currency. */
public record Offer(String offerId, String itemId, String buyerId, String sellerId, BigDecimal amount, String currency,
    Optional<String> message, Status status, Instant createdAt, Instant updatedAt) {

  public enum Status { PENDING, ACCEPTED, DECLINED, WITHDRAWN }

  public Offer withStatus(Status next, Instant at) {
    return new Offer(offerId, itemId, buyerId, sellerId, amount, currency, message, next, createdAt, at);
  }
}
