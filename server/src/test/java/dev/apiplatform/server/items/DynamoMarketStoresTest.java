package dev.apiplatform.server.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.idempotency.DynamoIdempotencyStore;
import dev.apiplatform.server.items.DynamoItemsRepository;
import dev.apiplatform.server.items.Item;
import dev.apiplatform.server.items.ItemsRepository;
import dev.apiplatform.server.offers.DynamoOffersRepository;
import dev.apiplatform.server.offers.Offer;
import dev.apiplatform.server.offers.OffersRepository;
import dev.apiplatform.server.storage.StoreTables;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.apiplatform.server.testing.AtOnce;

/** The marketplace repositories and the idempotency store against DynamoDB Local. */
class DynamoMarketStoresTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private static StoreTables tables;
  private static DynamoItemsRepository items;
  private static DynamoOffersRepository offers;
  private static DynamoIdempotencyStore idempotency;

  @BeforeAll
  static void start() {
    tables = StoreTables.start();
    items = new DynamoItemsRepository(tables.dynamo, tables.definitions);
    offers = new DynamoOffersRepository(tables.dynamo, tables.definitions);
    idempotency = new DynamoIdempotencyStore(tables.dynamo, tables.definitions);
  }

  @AfterAll
  static void stop() {
    if (tables != null) tables.close();
  }

  private static Item item(String owner, String name, String price, Instant at) {
    return new Item("it-" + UUID.randomUUID().toString().substring(0, 12), owner, name, Optional.of("d"),
        new BigDecimal(price), "USD", List.of("https://img.example.com/a.jpg"), Item.Status.ACTIVE, 1, at, at);
  }

  private static Offer offer(Item item, String buyer, String amount) {
    return new Offer(UUID.randomUUID().toString(), item.itemId(), buyer, item.ownerId(), new BigDecimal(amount), "USD",
        Optional.empty(), Offer.Status.PENDING, T0, T0);
  }

  @Test
  void create_storesThePriceAsAnExactNumber_andRefusesATakenId() {
    Item created = items.create(item("o1", "Lamp", "0.30", T0));
    AttributeValue stored = tables.dynamo.getItem(r -> r.tableName(tables.definitions.tableName("Items"))
        .key(java.util.Map.of("item_id", AttributeValue.fromS(created.itemId())))).item().get("price");
    assertThat(stored.n()).isEqualTo("0.3");
    assertThat(items.find(created.itemId()).orElseThrow().price()).isEqualByComparingTo("0.30");
    Item clash = new Item(created.itemId(), "o2", "Clash", Optional.empty(), BigDecimal.ONE, "USD", List.of(),
        Item.Status.ACTIVE, 1, T0, T0);
    assertThatThrownBy(() -> items.create(clash)).isInstanceOf(ItemsRepository.ItemIdTakenException.class);
    assertThat(items.find(created.itemId()).orElseThrow().ownerId()).isEqualTo("o1");
  }

  @Test
  void update_andDelete_needTheStoredVersion() {
    Item created = items.create(item("o1", "Chair", "10", T0));
    Item v2 = items.update(created.withChanges("Chair", Optional.empty(), new BigDecimal("9.5"), "USD", List.of(),
        Item.Status.ACTIVE));
    assertThat(v2.version()).isEqualTo(2);
    assertThatThrownBy(() -> items.update(created)).isInstanceOf(ItemsRepository.StaleItemException.class);
    assertThatThrownBy(() -> items.delete(created.itemId(), 1)).isInstanceOf(ItemsRepository.StaleItemException.class);
    items.delete(created.itemId(), 2);
    assertThat(items.find(created.itemId())).isEmpty();
  }

  @Test
  void list_pagesNewestFirst_withPriceAndTextFilters() {
    String owner = "lister-" + UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) ids.add(items.create(item(owner, "Widget " + i, Integer.toString(i), T0.plusSeconds(i))).itemId());
    List<String> seen = new ArrayList<>();
    Optional<ItemsRepository.Cursor> cursor = Optional.empty();
    do {
      ItemsRepository.Page page = items.list(Optional.of(owner), Optional.empty(), Optional.empty(), Optional.empty(), cursor, 3);
      page.items().forEach(i -> seen.add(i.itemId()));
      cursor = page.next();
    } while (cursor.isPresent());
    List<String> newestFirst = new ArrayList<>(ids);
    java.util.Collections.reverse(newestFirst);
    assertThat(seen).containsExactlyElementsOf(newestFirst);

    ItemsRepository.Page filtered = items.list(Optional.of(owner), Optional.of(new BigDecimal("2")),
        Optional.of(new BigDecimal("4.00")), Optional.of("widget"), Optional.empty(), 10);
    assertThat(filtered.items()).extracting(Item::name).containsExactly("Widget 4", "Widget 3", "Widget 2");
    assertThat(filtered.next()).isEmpty();
  }

  @Test
  void accept_sellsTheItem_declinesTheOthers_andASecondAcceptIsRefused() {
    Item sold = items.create(item("seller", "Bike", "100", T0));
    Offer one = offer(sold, "b1", "90");
    Offer two = offer(sold, "b2", "95");
    offers.create(one);
    offers.create(two);
    offers.accept(one, List.of(two), T0.plusSeconds(5));
    assertThat(items.find(sold.itemId()).orElseThrow().status()).isEqualTo(Item.Status.SOLD);
    assertThat(items.find(sold.itemId()).orElseThrow().version()).isEqualTo(2);
    assertThat(offers.find(one.offerId()).orElseThrow().status()).isEqualTo(Offer.Status.ACCEPTED);
    assertThat(offers.find(two.offerId()).orElseThrow().status()).isEqualTo(Offer.Status.DECLINED);
    assertThatThrownBy(() -> offers.accept(two, List.of(), T0))
        .isInstanceOfSatisfying(OffersRepository.RefusedException.class,
            e -> assertThat(e.refusal()).isEqualTo(OffersRepository.Refusal.ITEM_NOT_ACTIVE));
    assertThatThrownBy(() -> offers.create(offer(sold, "b3", "120")))
        .isInstanceOf(OffersRepository.RefusedException.class);
    assertThat(offers.pendingOn(sold.itemId())).isEmpty();
  }

  @Test
  void twoConcurrentAccepts_exactlyOneCommits() throws Exception {
    for (int round = 0; round < 5; round++) {
      Item item = items.create(item("seller", "Race", "100", T0));
      Offer one = offer(item, "b1", "90");
      Offer two = offer(item, "b2", "95");
      offers.create(one);
      offers.create(two);
      List<Boolean> won = AtOnce.values(2, i -> i == 0 ? () -> tryAccept(one, two) : () -> tryAccept(two, one));
      assertThat(won).containsOnlyOnce(true);
      assertThat(List.of(offers.find(one.offerId()).orElseThrow().status(), offers.find(two.offerId()).orElseThrow().status()))
          .containsExactlyInAnyOrder(Offer.Status.ACCEPTED, Offer.Status.DECLINED);
    }
  }

  private static boolean tryAccept(Offer offer, Offer other) {
    try {
      offers.accept(offer, List.of(other), T0);
      return true;
    } catch (OffersRepository.RefusedException e) {
      return false;
    }
  }

  @Test
  void idempotencyClaim_isExclusiveUntilItExpires() {
    String key = "caller#" + UUID.randomUUID();
    assertThat(idempotency.claim(key, "h1", T0, T0.plusSeconds(60), T0.plusSeconds(60))).isEmpty();
    assertThat(idempotency.claim(key, "h1", T0.plusSeconds(1), T0.plusSeconds(61), T0.plusSeconds(61))).isPresent();
    idempotency.complete(key, "{\"a\":1}");
    assertThat(idempotency.find(key).orElseThrow().response()).hasValue("{\"a\":1}");
    assertThat(idempotency.claim(key, "h2", T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(180))).isEmpty();
    assertThat(idempotency.find(key).orElseThrow().requestHash()).isEqualTo("h2");
    idempotency.release(key);
    assertThat(idempotency.find(key)).isEmpty();
  }

  @Test
  void idempotencyClaim_refused_returnsTheHolder_andAStartedClaimExpiresEarly() {
    String key = "caller#" + UUID.randomUUID();
    Instant day = T0.plusSeconds(86_400);
    assertThat(idempotency.claim(key, "h1", T0, T0.plusSeconds(60), day)).isEmpty();

    var holder = idempotency.claim(key, "h2", T0.plusSeconds(30), T0.plusSeconds(90), day).orElseThrow();
    assertThat(holder.requestHash()).isEqualTo("h1");
    assertThat(holder.response()).isEmpty();
    assertThat(holder.inProgressUntil()).isEqualTo(T0.plusSeconds(60));

    // no result was ever stored (a crash): past its in-progress expiry the key is free again
    assertThat(idempotency.claim(key, "h3", T0.plusSeconds(61), T0.plusSeconds(121), day)).isEmpty();
    idempotency.complete(key, "{}");
    // a finished entry holds the key for its whole retention
    assertThat(idempotency.claim(key, "h3", T0.plusSeconds(3600), T0.plusSeconds(3660), day).orElseThrow().response())
        .hasValue("{}");
  }
}
