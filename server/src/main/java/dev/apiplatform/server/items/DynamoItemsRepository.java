package dev.apiplatform.server.items;

import dev.apiplatform.server.storage.QueryPages;
import dev.apiplatform.server.storage.StoreCalls;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link ItemsRepository} on the {@code Items} table. Prices are DynamoDB numbers written from
 * {@link BigDecimal#toPlainString()} and read back with {@code new BigDecimal(n)}: no double on
 * the way. Browsing reads the {@code status-index} (ACTIVE items) or {@code owner-index} (one
 * owner), both sorted by {@code list_key} = creation time + item id, newest first.
 */
public final class DynamoItemsRepository implements ItemsRepository {

  public static final String ID = "item_id";
  public static final String OWNER = "owner_id";
  static final String NAME = "name";
  /** Lower-cased name, for case-insensitive text search. */
  static final String NAME_LC = "name_lc";
  static final String DESCRIPTION = "description";
  static final String PRICE = "price";
  static final String CURRENCY = "currency";
  static final String IMAGE_URLS = "image_urls";
  public static final String STATUS = "status";
  public static final String VERSION = "version";
  static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";
  static final String LIST_KEY = "list_key";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoItemsRepository(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this.dynamo = dynamo;
    this.table = definitions.tableName(StorageDefinitions.ITEMS_TABLE);
  }

  /** Runs a store call; an SDK failure becomes a 503 problem and never leaves the repository as such. */
  static <T> T call(String what, Supplier<T> call) {
    return StoreCalls.dynamo(what, call);
  }

  @Override
  public Item create(Item item) {
    Item stored = new Item(item.itemId(), item.ownerId(), item.name(), item.description(), item.price(),
        item.currency(), item.imageUrls(), item.status(), 1, item.createdAt(), item.updatedAt());
    try {
      call("Creating item", () -> dynamo.putItem(r -> r.tableName(table).item(toAttributes(stored))
          .conditionExpression("attribute_not_exists(#id)")
          .expressionAttributeNames(Map.of("#id", ID))));
    } catch (ConditionalCheckFailedException e) {
      throw new ItemIdTakenException(item.itemId());
    }
    return stored;
  }

  @Override
  public Optional<Item> find(String itemId) {
    Map<String, AttributeValue> found = call("Reading item",
        () -> dynamo.getItem(r -> r.tableName(table).key(key(itemId)).consistentRead(true)).item());
    return found == null || found.isEmpty() ? Optional.empty() : Optional.of(toItem(found));
  }

  @Override
  public Item update(Item changed) {
    Item next = new Item(changed.itemId(), changed.ownerId(), changed.name(), changed.description(), changed.price(),
        changed.currency(), changed.imageUrls(), changed.status(), changed.version() + 1, changed.createdAt(),
        changed.updatedAt());
    try {
      call("Updating item", () -> dynamo.putItem(r -> r.tableName(table).item(toAttributes(next))
          .conditionExpression("#v = :expected")
          .expressionAttributeNames(Map.of("#v", VERSION))
          .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(changed.version()))))));
    } catch (ConditionalCheckFailedException e) {
      throw new StaleItemException(changed.itemId());
    }
    return next;
  }

  @Override
  public void delete(String itemId, long expectedVersion) {
    try {
      call("Deleting item", () -> dynamo.deleteItem(r -> r.tableName(table).key(key(itemId))
          .conditionExpression("#v = :expected")
          .expressionAttributeNames(Map.of("#v", VERSION))
          .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion))))));
    } catch (ConditionalCheckFailedException e) {
      throw new StaleItemException(itemId);
    }
  }

  @Override
  public Page list(Optional<String> ownerId, Optional<BigDecimal> minPrice, Optional<BigDecimal> maxPrice,
      Optional<String> nameContains, Optional<Cursor> cursor, int limit) {
    String index = ownerId.isPresent() ? StorageDefinitions.ITEMS_OWNER_INDEX : StorageDefinitions.ITEMS_STATUS_INDEX;
    String partitionAttribute = ownerId.isPresent() ? OWNER : STATUS;
    String partition = ownerId.orElse(Item.Status.ACTIVE.name());

    Map<String, String> names = new HashMap<>(Map.of("#pk", partitionAttribute));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(partition)));
    List<String> filters = new ArrayList<>();
    minPrice.ifPresent(min -> {
      names.put("#price", PRICE);
      values.put(":min", AttributeValue.fromN(min.toPlainString()));
      filters.add("#price >= :min");
    });
    maxPrice.ifPresent(max -> {
      names.put("#price", PRICE);
      values.put(":max", AttributeValue.fromN(max.toPlainString()));
      filters.add("#price <= :max");
    });
    nameContains.ifPresent(q -> {
      names.put("#name_lc", NAME_LC);
      values.put(":q", AttributeValue.fromS(q.toLowerCase(Locale.ROOT)));
      filters.add("contains(#name_lc, :q)");
    });

    List<Item> found = new ArrayList<>();
    Map<String, AttributeValue> start = cursor.map(c -> Map.of(ID, AttributeValue.fromS(c.itemId()),
        LIST_KEY, AttributeValue.fromS(c.listKey()), partitionAttribute, AttributeValue.fromS(partition))).orElse(null);
    // Filters apply after DynamoDB's own limit, so read on until one more than a page matched.
    QueryPages.query(dynamo, "Listing items", () -> {
      QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
          .keyConditionExpression("#pk = :pk").scanIndexForward(false)
          .expressionAttributeNames(names).expressionAttributeValues(values)
          .limit(Math.max(limit + 1, 25));
      if (!filters.isEmpty()) request.filterExpression(String.join(" AND ", filters));
      return request;
    }, start, response -> {
      response.items().forEach(item -> found.add(toItem(item)));
      return found.size() <= limit;
    });
    if (found.size() <= limit) return new Page(found, Optional.empty());
    List<Item> page = List.copyOf(found.subList(0, limit));
    Item last = page.get(limit - 1);
    return new Page(page, Optional.of(new Cursor(listKey(last), last.itemId())));
  }

  static String listKey(Item item) {
    return item.createdAt().toString() + "#" + item.itemId();
  }

  private static Map<String, AttributeValue> key(String itemId) {
    return Map.of(ID, AttributeValue.fromS(itemId));
  }

  private static Map<String, AttributeValue> toAttributes(Item item) {
    Map<String, AttributeValue> a = new HashMap<>();
    a.put(ID, AttributeValue.fromS(item.itemId()));
    a.put(OWNER, AttributeValue.fromS(item.ownerId()));
    a.put(NAME, AttributeValue.fromS(item.name()));
    a.put(NAME_LC, AttributeValue.fromS(item.name().toLowerCase(Locale.ROOT)));
    item.description().ifPresent(d -> a.put(DESCRIPTION, AttributeValue.fromS(d)));
    a.put(PRICE, AttributeValue.fromN(item.price().toPlainString()));
    a.put(CURRENCY, AttributeValue.fromS(item.currency()));
    a.put(IMAGE_URLS, AttributeValue.fromL(item.imageUrls().stream().map(AttributeValue::fromS).toList()));
    a.put(STATUS, AttributeValue.fromS(item.status().name()));
    a.put(VERSION, AttributeValue.fromN(Long.toString(item.version())));
    a.put(CREATED_AT, AttributeValue.fromS(item.createdAt().toString()));
    a.put(UPDATED_AT, AttributeValue.fromS(item.updatedAt().toString()));
    a.put(LIST_KEY, AttributeValue.fromS(listKey(item)));
    return a;
  }

  private static Item toItem(Map<String, AttributeValue> a) {
    AttributeValue description = a.get(DESCRIPTION);
    AttributeValue images = a.get(IMAGE_URLS);
    return new Item(a.get(ID).s(), a.get(OWNER).s(), a.get(NAME).s(),
        description == null ? Optional.empty() : Optional.ofNullable(description.s()),
        new BigDecimal(a.get(PRICE).n()), a.get(CURRENCY).s(),
        images == null || !images.hasL() ? List.of() : images.l().stream().map(AttributeValue::s).toList(),
        Item.Status.valueOf(a.get(STATUS).s()), Long.parseLong(a.get(VERSION).n()),
        Instant.parse(a.get(CREATED_AT).s()), Instant.parse(a.get(UPDATED_AT).s()));
  }
}
