package dev.apiplatform.server.items;

import dev.apiplatform.server.api.ItemsApi;
import dev.apiplatform.server.api.model.CreateItemRequestDto;
import dev.apiplatform.server.api.model.ItemDto;
import dev.apiplatform.server.api.model.ItemPageDto;
import dev.apiplatform.server.api.model.ItemStatusDto;
import dev.apiplatform.server.api.model.PageInfoDto;
import dev.apiplatform.server.api.model.UpdateItemRequestDto;
import dev.apiplatform.server.idempotency.Idempotency;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Optional;

/** Offers Marketplace items: each operation is one call into {@link ItemsService}. */
public final class ItemsResource implements ItemsApi {

  private final ItemsService items;
  private final Idempotency idempotency;

  @Context private SecurityContext security;

  public ItemsResource(ItemsService items, Idempotency idempotency) {
    this.items = items;
    this.idempotency = idempotency;
  }

  @Override
  public ItemDto itemsCreate(CreateItemRequestDto body, String idempotencyKey) {
    String caller = CurrentUser.require(security).userId();
    return idempotency.run(caller, Optional.ofNullable(idempotencyKey), "items_create", body,
        ItemDto.class,
        () -> toModel(items.create(caller, body.getItemId(), new ItemsService.Draft(Optional.of(body.getName()),
            Optional.ofNullable(body.getDescription()), Optional.of(body.getPrice()), Optional.ofNullable(body.getCurrency()),
            Optional.ofNullable(body.getImageUrls()), Optional.empty())))); // image_urls is optional
  }

  @Override
  public ItemPageDto itemsList(String owner, BigDecimal minPrice, BigDecimal maxPrice, String q, String cursor, Integer limit) {
    ItemsService.Listing listing = items.list(CurrentUser.require(security).userId(), "me".equals(owner),
        Optional.ofNullable(minPrice), Optional.ofNullable(maxPrice), Optional.ofNullable(q), Optional.ofNullable(cursor),
        limit == null ? 20 : limit);
    PageInfoDto page = new PageInfoDto(listing.limit(), listing.nextCursor().isPresent());
    listing.nextCursor().ifPresent(page::setNextCursor);
    return new ItemPageDto(listing.items().stream().map(ItemsResource::toModel).toList(), page);
  }

  @Override
  public ItemDto itemsGet(String itemId) {
    return toModel(items.read(CurrentUser.require(security).userId(), itemId));
  }

  @Override
  public ItemDto itemsUpdate(String itemId, UpdateItemRequestDto body, String ifMatch) {
    UpdateItemRequestDto b = body;
    return toModel(items.update(CurrentUser.require(security).userId(), itemId, Optional.ofNullable(ifMatch),
        new ItemsService.Draft(Optional.ofNullable(b.getName()), Optional.ofNullable(b.getDescription()),
            Optional.ofNullable(b.getPrice()), Optional.ofNullable(b.getCurrency()),
            // the generated model starts the list empty: empty means "not sent" (the contract asks for 1+)
            Optional.ofNullable(b.getImageUrls()).filter(l -> !l.isEmpty()),
            Optional.ofNullable(b.getStatus()).map(s -> Item.Status.valueOf(s.value())))));
  }

  @Override
  public void itemsDelete(String itemId, String ifMatch) {
    items.delete(CurrentUser.require(security).userId(), itemId, Optional.ofNullable(ifMatch));
  }

  static ItemDto toModel(Item item) {
    var model = new ItemDto(item.itemId(), item.ownerId(), item.name(),
        ItemsService.display(item.price(), item.currency()), item.currency(), new java.util.ArrayList<>(item.imageUrls()),
        ItemStatusDto.fromValue(item.status().name()), item.version(), item.createdAt().atOffset(ZoneOffset.UTC),
        item.updatedAt().atOffset(ZoneOffset.UTC));
    item.description().ifPresent(model::setDescription);
    return model;
  }
}
