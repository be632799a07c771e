package dev.apiplatform.server.offers;

import dev.apiplatform.server.storage.QueryPages;
import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.StoreCalls;
import dev.apiplatform.server.storage.TransactionContendedException;
import dev.apiplatform.server.items.DynamoItemsRepository;
import dev.apiplatform.server.items.Item;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@link OffersRepository} on the {@code Offers} table ({@code item-index}: offers of one item,
 * oldest first). Writes that depend on the item check it in the same TransactWriteItems, so an
 * offer never lands on a sold item and two accepts on one item cannot both commit.
 */
public final class DynamoOffersRepository implements OffersRepository {

  private static final String ID = "offer_id";
  private static final String ITEM = "item_id";
  private static final String BUYER = "buyer_id";
  private static final String SELLER = "seller_id";
  private static final String AMOUNT = "amount";
  private static final String CURRENCY = "currency";
  private static final String MESSAGE = "message";
  private static final String STATUS = "status";
  private static final String CREATED_AT = "created_at";
  private static final String UPDATED_AT = "updated_at";
  private static final String LIST_KEY = "list_key";

  private final DynamoDbClient dynamo;
  private final String table;
  private final String itemsTable;

  public DynamoOffersRepository(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this.dynamo = dynamo;
    this.table = definitions.tableName(StorageDefinitions.OFFERS_TABLE);
    this.itemsTable = definitions.tableName(StorageDefinitions.ITEMS_TABLE);
  }

  @Override
  public void create(Offer offer) {
    TransactWriteItem itemActive = TransactWriteItem.builder().conditionCheck(c -> c.tableName(itemsTable)
        .key(Map.of(DynamoItemsRepository.ID, s(offer.itemId())))
        .conditionExpression("#s = :active AND #o = :seller")
        .expressionAttributeNames(Map.of("#s", DynamoItemsRepository.STATUS, "#o", DynamoItemsRepository.OWNER))
        .expressionAttributeValues(Map.of(":active", s(Item.Status.ACTIVE.name()), ":seller", s(offer.sellerId()))))
        .build();
    TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(table).item(toAttributes(offer))
        .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", ID))).build();
    List<String> reasons = transact("Creating offer", List.of(itemActive, put));
    if (reasons != null) throw new RefusedException(Refusal.ITEM_NOT_ACTIVE);
  }

  @Override
  public Optional<Offer> find(String offerId) {
    Map<String, AttributeValue> item = call("Reading offer",
        () -> dynamo.getItem(r -> r.tableName(table).key(Map.of(ID, s(offerId))).consistentRead(true)).item());
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toOffer(item));
  }

  @Override
  public Page listByItem(String itemId, Optional<String> buyerId, Optional<Cursor> cursor, int limit) {
    Map<String, String> names = new HashMap<>(Map.of("#item", ITEM));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":item", s(itemId)));
    buyerId.ifPresent(b -> {
      names.put("#buyer", BUYER);
      values.put(":buyer", s(b));
    });
    List<Offer> found = new ArrayList<>();
    Map<String, AttributeValue> start = cursor.map(c -> Map.of(ID, s(c.offerId()), ITEM, s(itemId),
        LIST_KEY, s(c.listKey()))).orElse(null);
    QueryPages.query(dynamo, "Listing offers", () -> {
      QueryRequest.Builder request = QueryRequest.builder().tableName(table)
          .indexName(StorageDefinitions.OFFERS_ITEM_INDEX).keyConditionExpression("#item = :item")
          .expressionAttributeNames(names).expressionAttributeValues(values).limit(Math.max(limit + 1, 25));
      if (buyerId.isPresent()) request.filterExpression("#buyer = :buyer");
      return request;
    }, start, response -> {
      response.items().forEach(i -> found.add(toOffer(i)));
      return found.size() <= limit;
    });
    if (found.size() <= limit) return new Page(found, Optional.empty());
    List<Offer> page = List.copyOf(found.subList(0, limit));
    Offer last = page.get(limit - 1);
    return new Page(page, Optional.of(new Cursor(listKey(last), last.offerId())));
  }

  @Override
  public List<Offer> pendingOn(String itemId) {
    List<Offer> pending = new ArrayList<>();
    Optional<Cursor> cursor = Optional.empty();
    do {
      Page page = listByItem(itemId, Optional.empty(), cursor, 100);
      page.offers().stream().filter(o -> o.status() == Offer.Status.PENDING).forEach(pending::add);
      cursor = page.next();
    } while (cursor.isPresent());
    return pending;
  }

  @Override
  public void accept(Offer offer, List<Offer> othersToDecline, Instant at) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(TransactWriteItem.builder().update(u -> u.tableName(itemsTable)
        .key(Map.of(DynamoItemsRepository.ID, s(offer.itemId())))
        .updateExpression("SET #s = :sold, #u = :at ADD #v :one")
        .conditionExpression("#s = :active AND #o = :seller")
        .expressionAttributeNames(Map.of("#s", DynamoItemsRepository.STATUS, "#o", DynamoItemsRepository.OWNER,
            "#u", DynamoItemsRepository.UPDATED_AT, "#v", DynamoItemsRepository.VERSION))
        .expressionAttributeValues(Map.of(":sold", s(Item.Status.SOLD.name()), ":active", s(Item.Status.ACTIVE.name()),
            ":seller", s(offer.sellerId()), ":at", s(at.toString()), ":one", AttributeValue.fromN("1"))))
        .build());
    writes.add(statusChange(offer, Offer.Status.ACCEPTED, at));
    for (Offer other : othersToDecline) writes.add(statusChange(other, Offer.Status.DECLINED, at));
    List<String> reasons = transact("Accepting offer", writes);
    if (reasons == null) return;
    if (failed(reasons, 0)) throw new RefusedException(Refusal.ITEM_NOT_ACTIVE);
    if (failed(reasons, 1)) throw new RefusedException(Refusal.OFFER_NOT_PENDING);
    throw new RefusedException(Refusal.OTHER_OFFER_CHANGED);
  }

  @Override
  public void close(Offer offer, Offer.Status next, Instant at) {
    List<String> reasons = transact("Closing offer", List.of(statusChange(offer, next, at)));
    if (reasons != null) throw new RefusedException(Refusal.OFFER_NOT_PENDING);
  }

  private TransactWriteItem statusChange(Offer offer, Offer.Status next, Instant at) {
    return TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of(ID, s(offer.offerId())))
        .updateExpression("SET #s = :next, #u = :at").conditionExpression("#s = :pending")
        .expressionAttributeNames(Map.of("#s", STATUS, "#u", UPDATED_AT))
        .expressionAttributeValues(Map.of(":next", s(next.name()), ":at", s(at.toString()),
            ":pending", s(Offer.Status.PENDING.name()))))
        .build();
  }

  /**
   * Runs the transaction through the one policy ({@link Dynamo#transact}); null when written, else
   * the cancellation reason codes. Contention that outlasts the retries is a 409 here, as the
   * contract promises for a lost accept race: the client retries and learns who won.
   */
  private List<String> transact(String what, List<TransactWriteItem> items) {
    try {
      return Dynamo.transact(what, dynamo, items).orElse(null);
    } catch (TransactionContendedException e) {
      throw new RefusedException(Refusal.OTHER_OFFER_CHANGED);
    }
  }

  private static boolean failed(List<String> reasons, int index) {
    return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index));
  }

  private static <T> T call(String what, Supplier<T> call) {
    return StoreCalls.dynamo(what, call);
  }

  private static String listKey(Offer offer) {
    return offer.createdAt().toString() + "#" + offer.offerId();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static Map<String, AttributeValue> toAttributes(Offer offer) {
    Map<String, AttributeValue> a = new HashMap<>();
    a.put(ID, s(offer.offerId()));
    a.put(ITEM, s(offer.itemId()));
    a.put(BUYER, s(offer.buyerId()));
    a.put(SELLER, s(offer.sellerId()));
    a.put(AMOUNT, AttributeValue.fromN(offer.amount().toPlainString()));
    a.put(CURRENCY, s(offer.currency()));
    offer.message().ifPresent(m -> a.put(MESSAGE, s(m)));
    a.put(STATUS, s(offer.status().name()));
    a.put(CREATED_AT, s(offer.createdAt().toString()));
    a.put(UPDATED_AT, s(offer.updatedAt().toString()));
    a.put(LIST_KEY, s(listKey(offer)));
    return a;
  }

  private static Offer toOffer(Map<String, AttributeValue> a) {
    AttributeValue message = a.get(MESSAGE);
    return new Offer(a.get(ID).s(), a.get(ITEM).s(), a.get(BUYER).s(), a.get(SELLER).s(), new BigDecimal(a.get(AMOUNT).n()),
        a.get(CURRENCY).s(), message == null ? Optional.empty() : Optional.ofNullable(message.s()),
        Offer.Status.valueOf(a.get(STATUS).s()), Instant.parse(a.get(CREATED_AT).s()), Instant.parse(a.get(UPDATED_AT).s()));
  }
}
