package dev.apiplatform.sdk;

import dev.apiplatform.client.ApiException;
import dev.apiplatform.client.api.EchoesApi;
import dev.apiplatform.client.api.ItemsApi;
import dev.apiplatform.client.api.OffersApi;
import dev.apiplatform.client.model.EchoListResponse;
import dev.apiplatform.client.model.EchoResponse;
import dev.apiplatform.client.model.Item;
import dev.apiplatform.client.model.ItemPage;
import dev.apiplatform.client.model.Offer;
import dev.apiplatform.client.model.OfferPage;
import java.math.BigDecimal;

/**
 * One {@link PagedIterable} per paged list operation of the contract, named after its
 * operationId ({@code PagesCoverageTest} fails when a new paged operation has none here).
 * Cursor lists follow {@code page.next_cursor}; numbered lists follow {@code next_page}.
 */
public final class Pages {
  private Pages() {
  }

  /** {@code items_list}: filters may be null; {@code owner} is {@code "me"} or null. */
  public static PagedIterable<Item> items(final ItemsApi api, final String owner, final BigDecimal minPrice,
      final BigDecimal maxPrice, final String q, final Integer limit) {
    return new PagedIterable<Item>(new PagedIterable.Fetcher<Item, String>() {
      @Override
      public PagedIterable.Page<Item, String> fetch(String cursor) throws ApiException {
        ItemPage p = api.itemsList(owner, minPrice, maxPrice, q, cursor, limit);
        return new PagedIterable.Page<Item, String>(p.getItems(), next(p.getPage().getHasMore(), p.getPage().getNextCursor()));
      }
    });
  }

  /** {@code offers_list}: the offers on one item the caller may see. */
  public static PagedIterable<Offer> offers(final OffersApi api, final String itemId, final Integer limit) {
    return new PagedIterable<Offer>(new PagedIterable.Fetcher<Offer, String>() {
      @Override
      public PagedIterable.Page<Offer, String> fetch(String cursor) throws ApiException {
        OfferPage p = api.offersList(itemId, cursor, limit);
        return new PagedIterable.Page<Offer, String>(p.getOffers(), next(p.getPage().getHasMore(), p.getPage().getNextCursor()));
      }
    });
  }

  /** {@code echoes_list}: the caller's echoes, newest first; {@code emotion} may be null. */
  public static PagedIterable<EchoResponse> echoes(final EchoesApi api, final String emotion, final Integer pageSize) {
    return new PagedIterable<EchoResponse>(new PagedIterable.Fetcher<EchoResponse, Integer>() {
      @Override
      public PagedIterable.Page<EchoResponse, Integer> fetch(Integer page) throws ApiException {
        EchoListResponse p = api.echoesList(emotion, page == null ? 1 : page, pageSize);
        return new PagedIterable.Page<EchoResponse, Integer>(p.getEchoes(),
            Boolean.TRUE.equals(p.getHasMore()) ? p.getNextPage() : null);
      }
    });
  }

  private static String next(Boolean hasMore, String cursor) {
    return Boolean.TRUE.equals(hasMore) ? cursor : null;
  }
}
