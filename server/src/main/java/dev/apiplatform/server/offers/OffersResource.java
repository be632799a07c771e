package dev.apiplatform.server.offers;

import dev.apiplatform.server.api.OffersApi;
import dev.apiplatform.server.api.model.CreateOfferRequestDto;
import dev.apiplatform.server.api.model.OfferDto;
import dev.apiplatform.server.api.model.OfferPageDto;
import dev.apiplatform.server.api.model.PageInfoDto;
import dev.apiplatform.server.idempotency.Idempotency;
import dev.apiplatform.server.items.ItemsService;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Offers Marketplace offers: each operation is one call into {@link OffersService}. */
public final class OffersResource implements OffersApi {

  private final OffersService offers;
  private final Idempotency idempotency;

  @Context private SecurityContext security;

  public OffersResource(OffersService offers, Idempotency idempotency) {
    this.offers = offers;
    this.idempotency = idempotency;
  }

  @Override
  public OfferDto offersCreate(CreateOfferRequestDto body, String idempotencyKey) {
    String caller = CurrentUser.require(security).userId();
    return once(caller, idempotencyKey, "offers_create", body,
        () -> offers.create(caller, body.getItemId(), body.getAmount(), Optional.ofNullable(body.getMessage())));
  }

  @Override
  public OfferPageDto offersList(String itemId, String cursor, Integer limit) {
    OffersService.Listing listing = offers.list(CurrentUser.require(security).userId(), itemId,
        Optional.ofNullable(cursor), limit == null ? 20 : limit);
    PageInfoDto page = new PageInfoDto(listing.limit(), listing.nextCursor().isPresent());
    listing.nextCursor().ifPresent(page::setNextCursor);
    return new OfferPageDto(listing.offers().stream().map(OffersResource::toModel).toList(), page);
  }

  @Override
  public OfferDto offersAccept(String offerId, String idempotencyKey) {
    String caller = CurrentUser.require(security).userId();
    return once(caller, idempotencyKey, "offers_accept", Map.of("offer_id", offerId), () -> offers.accept(caller, offerId));
  }

  @Override
  public OfferDto offersDecline(String offerId, String idempotencyKey) {
    String caller = CurrentUser.require(security).userId();
    return once(caller, idempotencyKey, "offers_decline", Map.of("offer_id", offerId), () -> offers.decline(caller, offerId));
  }

  @Override
  public OfferDto offersWithdraw(String offerId, String idempotencyKey) {
    String caller = CurrentUser.require(security).userId();
    return once(caller, idempotencyKey, "offers_withdraw", Map.of("offer_id", offerId), () -> offers.withdraw(caller, offerId));
  }

  private OfferDto once(String caller, String key, String operation, Object request,
      Supplier<Offer> action) {
    return idempotency.run(caller, Optional.ofNullable(key), operation, request,
        OfferDto.class, () -> toModel(action.get()));
  }

  static OfferDto toModel(Offer offer) {
    var model = new OfferDto(offer.offerId(), offer.itemId(), offer.buyerId(),
        offer.sellerId(), ItemsService.display(offer.amount(), offer.currency()), offer.currency(),
        OfferDto.StatusEnum.fromValue(offer.status().name()),
        offer.createdAt().atOffset(ZoneOffset.UTC), offer.updatedAt().atOffset(ZoneOffset.UTC));
    offer.message().ifPresent(model::setMessage);
    return model;
  }
}
