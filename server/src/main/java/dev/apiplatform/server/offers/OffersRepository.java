package dev.apiplatform.server.offers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Offers storage; the writes that depend on the item's state check it in the same transaction. */
public interface OffersRepository {

  /** Why a conditional write did not happen. */
  enum Refusal { ITEM_NOT_ACTIVE, OFFER_NOT_PENDING, OTHER_OFFER_CHANGED }

  final class RefusedException extends RuntimeException {
    private final Refusal refusal;

    public RefusedException(Refusal refusal) {
      super(refusal.name(), null, false, false);
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  /** Stores the offer if its item is still ACTIVE and owned by the offer's seller. */
  void create(Offer offer);

  Optional<Offer> find(String offerId);

  /** Offers on the item, oldest first; {@code buyerId} present: only that buyer's. */
  Page listByItem(String itemId, Optional<String> buyerId, Optional<Cursor> cursor, int limit);

  /** Every PENDING offer on the item. */
  List<Offer> pendingOn(String itemId);

  /**
   * One transaction: the item (ACTIVE, owned by the seller) becomes SOLD, the offer (PENDING)
   * ACCEPTED, every offer in {@code othersToDecline} (PENDING) DECLINED.
   */
  void accept(Offer offer, List<Offer> othersToDecline, Instant at);

  /** PENDING → {@code next}, conditionally. */
  void close(Offer offer, Offer.Status next, Instant at);

  record Cursor(String listKey, String offerId) {}

  record Page(List<Offer> offers, Optional<Cursor> next) {}
}
