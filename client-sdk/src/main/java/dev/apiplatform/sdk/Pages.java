package dev.apiplatform.sdk;

import dev.apiplatform.client.ApiException;
import dev.apiplatform.client.api.EchoesApi;
import dev.apiplatform.client.api.HealthDataApi;
import dev.apiplatform.client.api.InsightsApi;
import dev.apiplatform.client.api.ItemsApi;
import dev.apiplatform.client.api.OffersApi;
import dev.apiplatform.client.model.EchoListResponse;
import dev.apiplatform.client.model.EchoResponse;
import dev.apiplatform.client.model.EventSearchResponse;
import dev.apiplatform.client.model.HealthMetricPage;
import dev.apiplatform.client.model.Insight;
import dev.apiplatform.client.model.InsightPage;
import dev.apiplatform.client.model.MotionEvent;
import dev.apiplatform.client.model.StoredMetric;
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

  /**
   * {@code events_search}: Motion's events near a place, by start time. The search has seventeen
   * parameters, so the caller passes the call with everything but the cursor bound, e.g.
   * {@code Pages.eventsSearch(c -> api.eventsSearch(lat, lng, null, ..., c, null))}.
   */
  public static PagedIterable<MotionEvent> eventsSearch(final CursorCall<EventSearchResponse> search) {
    return new PagedIterable<MotionEvent>(new PagedIterable.Fetcher<MotionEvent, String>() {
      @Override
      public PagedIterable.Page<MotionEvent, String> fetch(String cursor) throws ApiException {
        EventSearchResponse p = search.call(cursor);
        return new PagedIterable.Page<MotionEvent, String>(p.getItems(), p.getNextCursor());
      }
    });
  }

  /** {@code insights_history}: one user's insights, newest first (own id, or CLINICIAN/ADMIN). */
  public static PagedIterable<Insight> insightsHistory(final InsightsApi api, final String userId,
      final Integer limit) {
    return new PagedIterable<Insight>(new PagedIterable.Fetcher<Insight, String>() {
      @Override
      public PagedIterable.Page<Insight, String> fetch(String cursor) throws ApiException {
        InsightPage p = api.insightsHistory(userId, cursor, limit);
        return new PagedIterable.Page<Insight, String>(p.getData(),
            next(p.getPagination().getHasNext(), p.getPagination().getNextCursor()));
      }
    });
  }

  /** {@code healthData_list}: the caller's health metrics; filters may be null. */
  public static PagedIterable<StoredMetric> healthData(final HealthDataApi api, final Integer limit,
      final String metricType, final String startDate, final String endDate) {
    return new PagedIterable<StoredMetric>(new PagedIterable.Fetcher<StoredMetric, String>() {
      @Override
      public PagedIterable.Page<StoredMetric, String> fetch(String cursor) throws ApiException {
        HealthMetricPage p = api.healthDataList(limit, cursor, metricType, startDate, endDate);
        return new PagedIterable.Page<StoredMetric, String>(p.getData(),
            next(p.getPagination().getHasNext(), p.getPagination().getNextCursor()));
      }
    });
  }

  /** One page of a list whose other parameters the caller has bound. */
  public interface CursorCall<P> {
    P call(String cursor) throws ApiException;
  }

  private static String next(Boolean hasMore, String cursor) {
    return Boolean.TRUE.equals(hasMore) ? cursor : null;
  }
}
