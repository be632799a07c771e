package dev.apiplatform.sdk;

import dev.apiplatform.client.ApiException;
import dev.apiplatform.client.ApiResponse;
import dev.apiplatform.client.api.ItemsApi;
import dev.apiplatform.client.model.CreateItemRequest;
import dev.apiplatform.client.model.Item;
import dev.apiplatform.client.model.UpdateItemRequest;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Marketplace items with their versions handled: reads return the {@code ETag}, writes send it
 * as {@code If-Match}, so no caller touches {@code *WithHttpInfo}. A write that lost a race is a
 * {@link PreconditionProblem} (412); read again and decide.
 */
public final class Items {
  private final ItemsApi api;

  Items(ItemsApi api) {
    this.api = api;
  }

  /** The generated API, for options this class does not cover. */
  public ItemsApi api() {
    return api;
  }

  /**
   * Creates the item with a fresh {@code Idempotency-Key}, so a lost answer is retried safely:
   * the server answers the first result again instead of a 409.
   */
  public Versioned<Item> create(CreateItemRequest item) throws ApiException {
    return versioned(api.itemsCreateWithHttpInfo(item, UUID.randomUUID().toString()));
  }

  public Versioned<Item> get(String itemId) throws ApiException {
    return versioned(api.itemsGetWithHttpInfo(itemId));
  }

  /** Reads the current version, then changes only the fields set in {@code patch}. */
  public Versioned<Item> update(String itemId, UpdateItemRequest patch) throws ApiException {
    return update(get(itemId), patch);
  }

  /** Changes the item if it is still the version given; 412 ({@link PreconditionProblem}) if not. */
  public Versioned<Item> update(Versioned<Item> current, UpdateItemRequest patch) throws ApiException {
    return versioned(api.itemsUpdateWithHttpInfo(current.value().getItemId(), patch, current.etag()));
  }

  /** Reads the current version, then deletes it. */
  public void delete(String itemId) throws ApiException {
    delete(get(itemId));
  }

  public void delete(Versioned<Item> current) throws ApiException {
    api.itemsDelete(current.value().getItemId(), current.etag());
  }

  /** Every ACTIVE item of every seller matching the filters (null: no filter), page by page. */
  public PagedIterable<Item> browse(String text, BigDecimal minPrice, BigDecimal maxPrice) {
    return Pages.items(api, null, minPrice, maxPrice, text, null);
  }

  /** The caller's own items in every status. */
  public PagedIterable<Item> mine() {
    return Pages.items(api, "me", null, null, null, null);
  }

  private static Versioned<Item> versioned(ApiResponse<Item> response) {
    return new Versioned<Item>(response.getData(), Problems.header(response.getHeaders(), "ETag"));
  }
}
