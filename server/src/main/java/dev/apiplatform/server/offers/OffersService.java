package dev.apiplatform.server.offers;

import dev.apiplatform.server.domain.Conflict;
import dev.apiplatform.server.domain.NotPermitted;
import dev.apiplatform.server.http.ListCursor;
import dev.apiplatform.server.items.Item;
import dev.apiplatform.server.items.ItemsService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The offer rules: not on your own item, only on an ACTIVE one; the item's owner accepts or
 * declines, the buyer withdraws, and only PENDING offers change. Accepting sells the item and
 * declines the other pending offers in one transaction.
 */
public final class OffersService {

  private static final Pattern OFFER_ID = Pattern.compile("^[A-Za-z0-9-]{1,64}$");
  private static final int ACCEPT_ATTEMPTS = 3;

  private final ItemsService items;
  private final OffersRepository offers;
  private final Clock clock;

  public OffersService(ItemsService items, OffersRepository offers, Clock clock) {
    this.items = items;
    this.offers = offers;
    this.clock = clock;
  }

  public Offer create(String callerId, String itemId, BigDecimal amount, Optional<String> message) {
    Item item = items.get(itemId);
    if (item.ownerId().equals(callerId)) throw new NotPermitted("You cannot make an offer on your own item");
    if (item.status() != Item.Status.ACTIVE) throw new OfferNotAcceptable("Item '" + itemId + "' is " + item.status());
    BigDecimal exact = ItemsService.price("body.amount", amount, item.currency());
    Instant now = clock.instant();
    Offer offer = new Offer(UUID.randomUUID().toString(), itemId, callerId, item.ownerId(), exact, item.currency(),
        message, Offer.Status.PENDING, now, now);
    try {
      offers.create(offer);
    } catch (OffersRepository.RefusedException e) {
      throw new OfferNotAcceptable("Item '" + itemId + "' is no longer for sale");
    }
    return offer;
  }

  public record Listing(List<Offer> offers, int limit, Optional<String> nextCursor) {}

  /** The item's owner sees every offer on it; anyone else only their own. */
  public Listing list(String callerId, String itemId, Optional<String> cursor, int limit) {
    Item item = items.get(itemId);
    Optional<String> buyer = item.ownerId().equals(callerId) ? Optional.empty() : Optional.of(callerId);
    OffersRepository.Page page = offers.listByItem(itemId, buyer, cursor.map(OffersService::decodeCursor), limit);
    return new Listing(page.offers(), limit, page.next().map(OffersService::encodeCursor));
  }

  public Offer accept(String callerId, String offerId) {
    for (int attempt = 1; ; attempt++) {
      Offer offer = sellersPending(callerId, offerId);
      Item item = items.get(offer.itemId());
      if (item.status() != Item.Status.ACTIVE) throw new OfferNotAcceptable("Item '" + item.itemId() + "' is " + item.status());
      List<Offer> others = offers.pendingOn(offer.itemId()).stream()
          .filter(o -> !o.offerId().equals(offerId)).toList();
      if (others.size() > 98) throw new Conflict("Too many pending offers to settle at once; decline some first");
      Instant now = clock.instant();
      try {
        offers.accept(offer, others, now);
        return offer.withStatus(Offer.Status.ACCEPTED, now);
      } catch (OffersRepository.RefusedException e) {
        switch (e.refusal()) {
          case ITEM_NOT_ACTIVE -> throw new OfferNotAcceptable("Item '" + offer.itemId() + "' is no longer for sale");
          case OFFER_NOT_PENDING -> throw new OfferNotAcceptable("Offer '" + offerId + "' is no longer pending");
          default -> {
            // another offer was withdrawn or declined meanwhile: read the pending ones again
            if (attempt >= ACCEPT_ATTEMPTS) throw new Conflict("Offers on the item keep changing; retry");
          }
        }
      }
    }
  }

  public Offer decline(String callerId, String offerId) {
    return close(sellersPending(callerId, offerId), Offer.Status.DECLINED);
  }

  public Offer withdraw(String callerId, String offerId) {
    Offer offer = find(offerId);
    if (!offer.buyerId().equals(callerId)) throw new NotPermitted("Only the buyer who made an offer withdraws it");
    return close(pending(offer), Offer.Status.WITHDRAWN);
  }

  private Offer close(Offer offer, Offer.Status next) {
    Instant now = clock.instant();
    try {
      offers.close(offer, next, now);
    } catch (OffersRepository.RefusedException e) {
      throw new OfferNotAcceptable("Offer '" + offer.offerId() + "' is no longer pending");
    }
    return offer.withStatus(next, now);
  }

  private Offer sellersPending(String callerId, String offerId) {
    Offer offer = find(offerId);
    if (!offer.sellerId().equals(callerId)) throw new NotPermitted("Only the item's owner accepts or declines offers");
    return pending(offer);
  }

  private static Offer pending(Offer offer) {
    if (offer.status() != Offer.Status.PENDING) {
      throw new OfferNotAcceptable("Offer '" + offer.offerId() + "' is " + offer.status() + ", not PENDING");
    }
    return offer;
  }

  private Offer find(String offerId) {
    return offers.find(offerId).orElseThrow(() -> new OfferNotFound(offerId));
  }

  static String encodeCursor(OffersRepository.Cursor cursor) {
    return new ListCursor(cursor.listKey(), cursor.offerId()).encode();
  }

  static OffersRepository.Cursor decodeCursor(String cursor) {
    ListCursor decoded = ListCursor.decode(cursor, OFFER_ID);
    return new OffersRepository.Cursor(decoded.listKey(), decoded.id());
  }
}
