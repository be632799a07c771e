package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;
import static dev.apiplatform.conformance.Identities.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Seed 004's marketplace end to end through the running server: the runbook verbatim, the
 * ownership matrix (read back after every refused call), races, exact prices, idempotent retries.
 * Every exchange is validated against the contract and counted for the server's coverage.
 */
class MarketplaceFlowsTest {

  private final ContractClient server = Targets.client(Targets.SERVER);

  /** Seed 004's runbook, verbatim: start -> verify -> POST /items -> GET /items/demo -> refresh -> healthz. */
  @Test
  void seed004_runbook_startVerifyCreateReadRefreshHealthz() {
    String phone = Identities.indianMobile();
    Map<String, String> contentType = Map.of("content-type", "application/json");

    // 1) Start login
    JsonNode started = ok(server.call("POST", "/auth/start", contentType, "{\"phone\":\"" + phone + "\"}"), 200);
    // 2) Verify OTP and receive tokens
    JsonNode tokens = ok(server.call("POST", "/auth/verify", contentType, "{\"phone\":\"" + phone + "\",\"otp\":\""
        + started.path("dev_otp").asText() + "\",\"session\":\"" + started.path("session").asText() + "\"}"), 200);
    String access = tokens.path("access_token").asText();

    // 3) Call a protected endpoint
    ContractClient.Exchange created = server.call("POST", "/items",
        Map.of("content-type", "application/json", "Authorization", "Bearer " + access),
        "{\"item_id\":\"demo\",\"name\":\"Sample\",\"price\":19.99}");
    JsonNode item = ok(created, 201);
    assertThat(item.path("item_id").asText()).isEqualTo("demo");
    assertThat(item.path("name").asText()).isEqualTo("Sample");
    assertThat(item.path("price").decimalValue()).isEqualByComparingTo("19.99");
    assertThat(item.path("currency").asText()).isEqualTo("USD");
    assertThat(item.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(item.path("owner_id").asText()).isEqualTo(claims(access).path("sub").asText());

    ContractClient.Exchange read = server.call("GET", "/items/demo", Map.of("Authorization", "Bearer " + access), null);
    JsonNode again = ok(read, 200);
    assertThat(again.path("item_id").asText()).isEqualTo("demo");
    assertThat(again.path("name").asText()).isEqualTo("Sample");
    assertThat(again.path("price").toString()).isEqualTo("19.99");
    assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));

    // 4) Refresh tokens
    JsonNode refreshed = ok(server.call("POST", "/auth/refresh", contentType,
        "{\"refresh_token\":\"" + tokens.path("refresh_token").asText() + "\"}"), 200);
    ok(server.get("/items/demo", bearer(refreshed.path("access_token").asText())), 200);

    // 5) Public health check
    assertThat(ok(server.get("/healthz"), 200).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void everyItemsRoute_refusesAnotherUser_andChangesNothing() {
    String owner = MarketUsers.token(server);
    String other = MarketUsers.token(server);
    String id = MarketUsers.itemId("matrix");
    ContractClient.Exchange created = server.post("/items", bearer(owner),
        body("item_id", id, "name", "Owned", "price", new BigDecimal("42.00")));
    String etag = created.header("ETag").orElseThrow();
    JsonNode before = ok(created, 201);

    assertProblem(server.call("PATCH", "/items/" + id, merge(bearer(other), Map.of("Content-Type", "application/json",
        "If-Match", etag)), body("price", 1, "status", "ARCHIVED")), 403);
    assertProblem(server.call("DELETE", "/items/" + id, merge(bearer(other), Map.of("If-Match", etag)), null), 403);
    assertProblem(server.call("DELETE", "/items/" + id, merge(bearer(other), Map.of("If-Match", "*")), null), 403);
    assertProblem(server.post("/items", bearer(other), body("item_id", id, "name", "Hijack", "price", 1)), 409);
    JsonNode othersList = ok(server.get("/items?owner=me", bearer(other)), 200);
    assertThat(othersList.path("items")).isEmpty();

    ContractClient.Exchange after = server.get("/items/" + id, bearer(owner));
    assertThat(ok(after, 200)).isEqualTo(before);
    assertThat(after.header("ETag")).hasValue(etag);
  }

  @Test
  void twoCreatesOfOneItemId_oneWins_theOtherIs409() throws Exception {
    String a = MarketUsers.token(server);
    String b = MarketUsers.token(server);
    String id = MarketUsers.itemId("race");
    List<Integer> statuses = race(
        () -> server.post("/items", bearer(a), body("item_id", id, "name", "A", "price", 1)).status(),
        () -> server.post("/items", bearer(b), body("item_id", id, "name", "B", "price", 2)).status());
    assertThat(statuses).containsExactlyInAnyOrder(201, 409);
  }

  @Test
  void twoUpdatesWithOneETag_oneWins_theOtherIs412() throws Exception {
    String owner = MarketUsers.token(server);
    String id = MarketUsers.itemId("etag-race");
    String etag = server.post("/items", bearer(owner), body("item_id", id, "name", "N", "price", 1))
        .header("ETag").orElseThrow();
    Map<String, String> h = merge(bearer(owner), Map.of("Content-Type", "application/json", "If-Match", etag));
    List<Integer> statuses = race(
        () -> server.call("PATCH", "/items/" + id, h, body("price", 2)).status(),
        () -> server.call("PATCH", "/items/" + id, h, body("price", 3)).status());
    assertThat(statuses).containsExactlyInAnyOrder(200, 412);
    assertThat(ok(server.get("/items/" + id, bearer(owner)), 200).path("version").asLong()).isEqualTo(2);
  }

  @Test
  void prices_areStoredExactly_andADecimalStringIsAccepted() {
    String owner = MarketUsers.token(server);
    String id = MarketUsers.itemId("exact");
    // 0.1 + 0.2 style values survive exactly: no binary floating point on the way
    ok(server.post("/items", bearer(owner), body("item_id", id, "name", "Exact", "price", new BigDecimal("9999999.99"))), 201);
    assertThat(server.get("/items/" + id, bearer(owner)).body()).contains("\"price\":9999999.99");

    String fromString = MarketUsers.itemId("string");
    ContractClient.Exchange created = server.callBreakingContract("POST", "/items",
        merge(bearer(owner), Map.of("Content-Type", "application/json")),
        "{\"item_id\":\"" + fromString + "\",\"name\":\"S\",\"price\":\"0.30\",\"currency\":\"EUR\"}");
    assertThat(created.status()).isEqualTo(201);
    // raw text: the test's own JSON parser would read 0.30 as a double
    assertThat(created.body()).contains("\"price\":0.30");
  }

  @Test
  void browse_paginatesActiveItems_andFilters() {
    String owner = MarketUsers.token(server);
    String tag = "zq" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 1; i <= 5; i++) {
      ok(server.post("/items", bearer(owner), body("item_id", MarketUsers.itemId("page"), "name", tag + " item " + i,
          "price", i * 10)), 201);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = ok(server.get("/items?limit=2&q=" + tag.toUpperCase() + (cursor == null ? "" : "&cursor=" + cursor),
          bearer(owner)), 200);
      page.path("items").forEach(item -> seen.add(item.path("name").asText()));
      cursor = page.path("page").path("has_more").asBoolean() ? page.path("page").path("next_cursor").asText() : null;
    } while (cursor != null);
    assertThat(seen).containsExactly(tag + " item 5", tag + " item 4", tag + " item 3", tag + " item 2", tag + " item 1");

    JsonNode ranged = ok(server.get("/items?q=" + tag + "&min_price=20&max_price=40", bearer(owner)), 200);
    assertThat(ranged.path("items")).extracting(n -> n.path("price").intValue()).containsExactly(40, 30, 20);
  }

  @Test
  void archivedItems_leaveTheBrowseList_butStayInOwnerMe() {
    String owner = MarketUsers.token(server);
    String tag = "arch" + UUID.randomUUID().toString().substring(0, 8);
    String id = MarketUsers.itemId("arch");
    String etag = server.post("/items", bearer(owner), body("item_id", id, "name", tag, "price", 1))
        .header("ETag").orElseThrow();
    ok(server.call("PATCH", "/items/" + id, merge(bearer(owner), Map.of("Content-Type", "application/json",
        "If-Match", etag)), body("status", "ARCHIVED")), 200);
    assertThat(ok(server.get("/items?q=" + tag, bearer(owner)), 200).path("items")).isEmpty();
    assertThat(ok(server.get("/items?owner=me&q=" + tag, bearer(owner)), 200).path("items")).hasSize(1);
  }

  @Test
  void idempotentCreate_replaysTheFirstResult_andRunsOnce() {
    String owner = MarketUsers.token(server);
    String key = UUID.randomUUID().toString();
    String json = body("item_id", MarketUsers.itemId("idem"), "name", "Once", "price", 5);
    ContractClient.Exchange first = server.post("/items", merge(bearer(owner), Map.of("Idempotency-Key", key)), json);
    ContractClient.Exchange retry = server.post("/items", merge(bearer(owner), Map.of("Idempotency-Key", key)), json);
    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(Identities.json(retry)).isEqualTo(Identities.json(first));
    assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
    // without the key the same body is a second create of a taken id
    assertProblem(server.post("/items", bearer(owner), json), 409);
    // the key is per caller: another user's identical key runs their own request
    String other = MarketUsers.token(server);
    assertProblem(server.post("/items", merge(bearer(other), Map.of("Idempotency-Key", key)), json), 409);
    assertProblem(server.post("/items", merge(bearer(owner), Map.of("Idempotency-Key", key)),
        body("item_id", MarketUsers.itemId("idem"), "name", "Twice", "price", 5)), 422);
  }

  // --- offers -----------------------------------------------------------------------------

  private String item(String seller) {
    return ok(server.post("/items", bearer(seller), body("item_id", MarketUsers.itemId("sale"), "name", "Guitar",
        "price", 300)), 201).path("item_id").asText();
  }

  private String offer(String buyer, String itemId, int amount) {
    return ok(server.post("/offers", bearer(buyer), body("item_id", itemId, "amount", amount)), 201).path("offer_id").asText();
  }

  private JsonNode offersSeenBy(String token, String itemId) {
    return ok(server.get("/offers?item_id=" + itemId, bearer(token)), 200).path("offers");
  }

  @Test
  void accepting_sellsTheItem_andDeclinesEveryOtherPendingOffer() {
    String seller = MarketUsers.token(server);
    String itemId = item(seller);
    String b1 = MarketUsers.token(server);
    String b2 = MarketUsers.token(server);
    String chosen = offer(b1, itemId, 250);
    String other = offer(b2, itemId, 260);
    String withdrawn = offer(b2, itemId, 200);
    ok(server.call("POST", "/offers/" + withdrawn + "/withdraw", bearer(b2), null), 200);

    ok(server.call("POST", "/offers/" + chosen + "/accept", bearer(seller), null), 200);
    Map<String, String> statuses = new java.util.HashMap<>();
    offersSeenBy(seller, itemId).forEach(o -> statuses.put(o.path("offer_id").asText(), o.path("status").asText()));
    assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(chosen, "ACCEPTED", other, "DECLINED", withdrawn, "WITHDRAWN"));
    JsonNode sold = ok(server.get("/items/" + itemId, bearer(b1)), 200);
    assertThat(sold.path("status").asText()).isEqualTo("SOLD");
    // a sale is final: the owner cannot edit it back, nobody can offer any more
    assertProblem(server.call("PATCH", "/items/" + itemId, merge(bearer(seller), Map.of("Content-Type", "application/json",
        "If-Match", "*")), body("status", "ACTIVE")), 409);
    assertProblem(server.post("/offers", bearer(b2), body("item_id", itemId, "amount", 999)), 409);
    assertThat(ok(server.get("/items?q=Guitar&limit=100", bearer(b1)), 200).path("items"))
        .noneMatch(i -> i.path("item_id").asText().equals(itemId));
  }

  @Test
  void twoConcurrentAccepts_oneWins_theOtherIs409() throws Exception {
    for (int round = 0; round < 3; round++) {
      String seller = MarketUsers.token(server);
      String itemId = item(seller);
      String one = offer(MarketUsers.token(server), itemId, 280);
      String two = offer(MarketUsers.token(server), itemId, 290);
      List<Integer> statuses = race(
          () -> server.call("POST", "/offers/" + one + "/accept", bearer(seller), null).status(),
          () -> server.call("POST", "/offers/" + two + "/accept", bearer(seller), null).status());
      assertThat(statuses).containsExactlyInAnyOrder(200, 409);
      assertThat(offersSeenBy(seller, itemId)).extracting(o -> o.path("status").asText())
          .containsExactlyInAnyOrder("ACCEPTED", "DECLINED");
    }
  }

  @Test
  void everyOffersRoute_refusesAnotherUser_andChangesNothing() {
    String seller = MarketUsers.token(server);
    String buyer = MarketUsers.token(server);
    String stranger = MarketUsers.token(server);
    String itemId = item(seller);
    String offerId = offer(buyer, itemId, 150);
    JsonNode before = offersSeenBy(seller, itemId);

    assertThat(offersSeenBy(stranger, itemId)).isEmpty();
    assertThat(offersSeenBy(buyer, itemId)).extracting(o -> o.path("offer_id").asText()).containsExactly(offerId);
    for (String action : List.of("accept", "decline", "withdraw")) {
      assertProblem(server.call("POST", "/offers/" + offerId + "/" + action, bearer(stranger), null), 403);
    }
    assertProblem(server.call("POST", "/offers/" + offerId + "/accept", bearer(buyer), null), 403);
    assertProblem(server.call("POST", "/offers/" + offerId + "/decline", bearer(buyer), null), 403);
    assertProblem(server.call("POST", "/offers/" + offerId + "/withdraw", bearer(seller), null), 403);

    assertThat(offersSeenBy(seller, itemId)).isEqualTo(before);
    assertThat(ok(server.get("/items/" + itemId, bearer(seller)), 200).path("status").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void idempotentAccept_replaysTheFirstResult() {
    String seller = MarketUsers.token(server);
    String itemId = item(seller);
    String offerId = offer(MarketUsers.token(server), itemId, 200);
    Map<String, String> key = merge(bearer(seller), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    ContractClient.Exchange first = server.call("POST", "/offers/" + offerId + "/accept", key, null);
    ContractClient.Exchange retry = server.call("POST", "/offers/" + offerId + "/accept", key, null);
    assertThat(first.status()).isEqualTo(200);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.body()).isEqualTo(first.body());
    // without the key, the same accept is refused: the offer is no longer pending
    assertProblem(server.call("POST", "/offers/" + offerId + "/accept", bearer(seller), null), 409);
  }

  @Test
  void everyMarketplaceRoute_needsAToken() {
    assertUnauthorized(server.callBreakingContract("GET", "/items", Map.of(), null), false);
    assertUnauthorized(server.callBreakingContract("GET", "/items/demo", Map.of(), null), false);
    assertUnauthorized(server.callBreakingContract("GET", "/offers?item_id=demo", Map.of(), null), false);
  }

  static List<Integer> race(Callable<Integer> one, Callable<Integer> two) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (Callable<Integer> task : List.of(one, two)) {
        futures.add(pool.submit(() -> {
          go.await();
          return task.call();
        }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : futures) statuses.add(f.get(30, TimeUnit.SECONDS));
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }
}
