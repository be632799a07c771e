package dev.apiplatform.server.items;

import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.domain.VersionMismatch;
import dev.apiplatform.server.domain.VersionRequired;
import dev.apiplatform.server.http.IfMatch;
import dev.apiplatform.server.http.ListCursor;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The marketplace's item rules: exact prices with at most two decimals (fewer when the currency
 * has fewer), ISO 4217 currencies, https image URLs, owner-only changes under {@code If-Match}.
 */
public final class ItemsService {

  public static final String DEFAULT_CURRENCY = "USD";
  private static final Pattern ITEM_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
  private static final BigDecimal MAX_PRICE = new BigDecimal("10000000");

  private final ItemsRepository items;
  private final Clock clock;

  public ItemsService(ItemsRepository items, Clock clock) {
    this.items = items;
    this.clock = clock;
  }

  /** What a create or update asks for; absent fields keep their value (update) or default (create). */
  public record Draft(Optional<String> name, Optional<String> description, Optional<BigDecimal> price,
      Optional<String> currency, Optional<List<String>> imageUrls, Optional<Item.Status> status) {}

  public Item create(String callerId, String itemId, Draft draft) {
    if (!ITEM_ID.matcher(itemId).matches()) throw new InvalidField("body.item_id", "must match ^[A-Za-z0-9_-]{1,64}$", "pattern");
    String currency = currency("body.currency", draft.currency().orElse(DEFAULT_CURRENCY));
    BigDecimal price = price("body.price", draft.price().orElseThrow(), currency);
    var now = clock.instant();
    Item item = new Item(itemId, callerId, name(draft.name().orElseThrow()), draft.description(), price, currency,
        imageUrls(draft.imageUrls().orElse(List.of())), Item.Status.ACTIVE, 1, now, now);
    try {
      return items.create(item);
    } catch (ItemsRepository.ItemIdTakenException e) {
      throw new ItemIdTaken(itemId);
    }
  }

  public Item get(String itemId) {
    return items.find(itemId).orElseThrow(() -> new ItemNotFound(itemId));
  }

  /**
   * An item as {@code callerId} may see it: an ARCHIVED item is its owner's only (404 for anyone
   * else, as listings hide it too); ACTIVE and SOLD items are public to signed-in users.
   */
  public Item read(String callerId, String itemId) {
    Item item = get(itemId);
    if (item.status() == Item.Status.ARCHIVED && !item.ownerId().equals(callerId)) throw new ItemNotFound(itemId);
    return item;
  }

  /** Owner only; {@code ifMatch} must name the current version (428 without it, 412 when stale). */
  public Item update(String callerId, String itemId, Optional<String> ifMatch, Draft draft) {
    if (draft.name().isEmpty() && draft.description().isEmpty() && draft.price().isEmpty()
        && draft.currency().isEmpty() && draft.imageUrls().isEmpty() && draft.status().isEmpty()) {
      // UpdateItemRequest has minProperties: 1; {} used to bump the version and change nothing
      throw new InvalidField("body", "must name at least one field to change", "min_properties");
    }
    Item current = owned(callerId, itemId);
    long expected = expectedVersion(ifMatch, current);
    if (current.status() == Item.Status.SOLD) throw new ItemSold(itemId);
    String currency = draft.currency().map(c -> currency("body.currency", c)).orElse(current.currency());
    BigDecimal price = price("body.price", draft.price().orElse(current.price()), currency);
    Item changed = new Item(current.itemId(), current.ownerId(), draft.name().map(ItemsService::name).orElse(current.name()),
        draft.description().or(current::description), price, currency,
        draft.imageUrls().map(ItemsService::imageUrls).orElse(current.imageUrls()),
        draft.status().orElse(current.status()), expected, current.createdAt(), clock.instant());
    try {
      return items.update(changed);
    } catch (ItemsRepository.StaleItemException e) {
      throw new VersionMismatch("Item '" + itemId + "' changed since version \"" + expected + "\"; read it again");
    }
  }

  public void delete(String callerId, String itemId, Optional<String> ifMatch) {
    Item current = owned(callerId, itemId);
    long expected = expectedVersion(ifMatch, current);
    try {
      items.delete(itemId, expected);
    } catch (ItemsRepository.StaleItemException e) {
      throw new VersionMismatch("Item '" + itemId + "' changed since version \"" + expected + "\"; read it again");
    }
  }

  public record Listing(List<Item> items, int limit, Optional<String> nextCursor) {}

  public Listing list(String callerId, boolean mine, Optional<BigDecimal> minPrice, Optional<BigDecimal> maxPrice,
      Optional<String> q, Optional<String> cursor, int limit) {
    minPrice.ifPresent(v -> priceBound("query.min_price", v));
    maxPrice.ifPresent(v -> priceBound("query.max_price", v));
    if (minPrice.isPresent() && maxPrice.isPresent() && minPrice.get().compareTo(maxPrice.get()) > 0) {
      throw new InvalidField("query.min_price", "must not be greater than max_price", "range");
    }
    ItemsRepository.Page page = items.list(mine ? Optional.of(callerId) : Optional.empty(), minPrice, maxPrice,
        q.map(String::strip).filter(s -> !s.isEmpty()), cursor.map(ItemsService::decodeCursor), limit);
    return new Listing(page.items(), limit, page.next().map(ItemsService::encodeCursor));
  }

  /** The version an ETag names: {@code "3"} (or W/"3"); {@code *} is the current one. */
  static long expectedVersion(Optional<String> ifMatch, Item current) {
    String value = IfMatch.present(ifMatch)
        .orElseThrow(() -> new VersionRequired("Send If-Match with the item's ETag"));
    if (IfMatch.any(value)) return current.version();
    // an ETag this server never issued cannot match
    long version = IfMatch.version(value).orElseThrow(
        () -> new VersionMismatch("If-Match " + value + " does not name a version of this item"));
    if (version != current.version()) {
      throw new VersionMismatch("Item '" + current.itemId() + "' is at " + etag(current.version())
          + ", not " + value + "; read it again");
    }
    return version;
  }

  public static String etag(long version) {
    return IfMatch.etag(version);
  }

  private Item owned(String callerId, String itemId) {
    Item current = get(itemId);
    if (!current.ownerId().equals(callerId)) throw new NotItemOwner(itemId);
    return current;
  }

  static String currency(String field, String code) {
    try {
      return Currency.getInstance(code).getCurrencyCode();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidField(field, "is not an ISO 4217 currency code", "currency");
    }
  }

  /** At most two decimals, and no more than the currency has (none for JPY); 0 to 10,000,000. */
  public static BigDecimal price(String field, BigDecimal price, String currency) {
    if (price.signum() < 0) throw new InvalidField(field, "must be greater than or equal to 0", "min");
    if (price.compareTo(MAX_PRICE) > 0) throw new InvalidField(field, "must be at most 10000000", "max");
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    int allowed = digits < 0 ? 2 : Math.min(2, digits);
    BigDecimal exact = price.stripTrailingZeros();
    if (exact.scale() > allowed) {
      throw new InvalidField(field, "must have at most " + allowed + " decimals for " + currency, "scale");
    }
    return exact.scale() < 0 ? exact.setScale(0) : exact;
  }

  /**
   * A price filter has the precision prices are stored with (Price: multipleOf 0.01): 1e-300
   * is the caller's mistake (400), not a query the data store should be asked to answer.
   */
  static void priceBound(String field, BigDecimal bound) {
    if (bound.stripTrailingZeros().scale() > 2) {
      throw new InvalidField(field, "must have at most 2 decimals", "scale");
    }
  }

  /** The amount as the currency writes it (19.90, 1500), for responses. */
  public static BigDecimal display(BigDecimal amount, String currency) {
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    int scale = digits < 0 ? 2 : Math.min(2, digits);
    return amount.scale() <= scale ? amount.setScale(scale) : amount;
  }

  private static String name(String name) {
    if (name.isBlank()) throw new InvalidField("body.name", "must not be blank", "blank");
    return name.strip();
  }

  private static List<String> imageUrls(List<String> urls) {
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i);
      try {
        URI uri = new URI(url);
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
          throw new IllegalArgumentException();
        }
      } catch (Exception e) {
        throw new InvalidField("body.image_urls[" + i + "]", "must be an https URL with a host", "url");
      }
    }
    return urls;
  }

  static String encodeCursor(ItemsRepository.Cursor cursor) {
    return new ListCursor(cursor.listKey(), cursor.itemId()).encode();
  }

  static ItemsRepository.Cursor decodeCursor(String cursor) {
    ListCursor decoded = ListCursor.decode(cursor, ITEM_ID);
    return new ItemsRepository.Cursor(decoded.listKey(), decoded.id());
  }
}
