package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The items group (seed 004's marketplace), run unchanged against every target. On the server
 * each scenario produces its status; the mock is told with {@code Prefer: code=NNN}.
 */
class ItemsGroupTest extends OwnedGroupSuite {

  // --- create -----------------------------------------------------------------------------

  @Test
  void create_is201_withTheItemAndItsETag() {
    ContractClient.Exchange created = create(owner, MarketUsers.itemId("lamp"), "Desk lamp", "12.50", Map.of());
    JsonNode item = ok(created, 201);
    assertItem(item);
    assertThat(created.header("ETag")).hasValue("\"" + item.path("version").asLong() + "\"");
  }

  @Test
  void create_takenItemId_is409() {
    String id = MarketUsers.itemId("taken");
    ok(create(owner, id, "First", "1", Map.of()), 201);
    assertProblem(create(other, id, "Second", "2", producing(409)), 409);
  }

  @Test
  void create_priceWithThreeDecimals_orUnknownCurrency_is400() {
    assertProblem(client().post("/items", merge(bearer(owner), producing(400)),
        body("item_id", MarketUsers.itemId("p"), "name", "x", "price", new java.math.BigDecimal("19.999"))), 400);
    assertProblem(client().post("/items", merge(bearer(owner), producing(400)),
        body("item_id", MarketUsers.itemId("p"), "name", "x", "price", 5, "currency", "ZZZ")), 400);
    assertProblem(client().post("/items", merge(bearer(owner), producing(400)),
        body("item_id", MarketUsers.itemId("p"), "name", "x", "price", new java.math.BigDecimal("100.5"), "currency", "JPY")), 400);
  }

  @Test
  void create_negativeOrAbsurdPrice_orOversizedStrings_are400() {
    List<String> bodies = List.of(
        body("item_id", MarketUsers.itemId("p"), "name", "x", "price", -1),
        body("item_id", MarketUsers.itemId("p"), "name", "x", "price", new java.math.BigDecimal("1e12")),
        body("item_id", MarketUsers.itemId("p"), "name", "n".repeat(201), "price", 1),
        body("item_id", MarketUsers.itemId("p"), "name", "x", "price", 1, "description", "d".repeat(2001)),
        body("item_id", "i".repeat(65), "name", "x", "price", 1),
        body("item_id", MarketUsers.itemId("p"), "name", "x", "price", 1, "image_urls", List.of("http://insecure.example.com/a.jpg")),
        body("item_id", MarketUsers.itemId("p"), "name", "x", "price", 1, "owner_id", "someone-else"));
    for (String b : bodies) {
      assertProblem(client().callBreakingContract("POST", "/items",
          merge(merge(bearer(owner), jsonType()), producing(400)), b), 400);
    }
  }

  @Test
  void create_sameIdempotencyKeyWithAnotherBody_is422() {
    String key = java.util.UUID.randomUUID().toString();
    Map<String, String> headers = Map.of("Idempotency-Key", key);
    ok(create(owner, MarketUsers.itemId("idem"), "One", "1", headers), 201);
    assertProblem(create(owner, MarketUsers.itemId("idem"), "Two", "2", merge(headers, producing(422))), 422);
  }

  @Test
  void create_withoutAValidToken_is401() {
    assertUnauthorized(client().post("/items", merge(bearer("not.a.token"), producing(401)),
        body("item_id", MarketUsers.itemId("anon"), "name", "x", "price", 1)), true);
  }

  // --- read -------------------------------------------------------------------------------

  @Test
  void get_returnsTheItemWithItsETag_toAnySignedInUser() {
    String id = MarketUsers.itemId("get");
    ok(create(owner, id, "Chair", "30", Map.of()), 201);
    ContractClient.Exchange read = client().get("/items/" + id, bearer(other));
    JsonNode item = ok(read, 200);
    assertItem(item);
    assertThat(read.header("ETag")).isPresent();
  }

  @Test
  void get_unknownItem_is404() {
    assertProblem(client().get("/items/" + MarketUsers.itemId("none"), merge(bearer(owner), producing(404))), 404);
  }

  @Test
  void get_withoutAValidToken_is401() {
    assertUnauthorized(client().get("/items/demo", merge(bearer("not.a.token"), producing(401))), true);
  }

  @Test
  void list_returnsAPageOfItems() {
    ok(create(owner, MarketUsers.itemId("list"), "Listed lamp", "5", Map.of()), 201);
    JsonNode page = ok(client().get("/items?owner=me&limit=10&min_price=1&max_price=100&q=lamp", bearer(owner)), 200);
    assertThat(page.path("items").isArray()).isTrue();
    assertThat(page.path("items")).isNotEmpty();
    page.path("items").forEach(ItemsGroupTest::assertItem);
    assertThat(page.path("page").path("limit").asInt()).isPositive();
    assertThat(page.path("page").path("has_more").isBoolean()).isTrue();
  }

  @Test
  void list_cursorTheServerNeverIssued_orInvertedPriceRange_is400() {
    assertProblem(client().get("/items?cursor=bm90LWEtY3Vyc29y", merge(bearer(owner), producing(400))), 400);
    assertProblem(client().get("/items?min_price=10&max_price=5", merge(bearer(owner), producing(400))), 400);
  }

  @Test
  void list_withoutAValidToken_is401() {
    assertUnauthorized(client().get("/items", merge(bearer("not.a.token"), producing(401))), true);
  }

  // --- update -----------------------------------------------------------------------------

  @Test
  void update_withTheCurrentETag_changesTheItem_andTheETag() {
    String id = MarketUsers.itemId("upd");
    ContractClient.Exchange created = create(owner, id, "Old name", "10", Map.of());
    String etag = created.header("ETag").orElseThrow();
    ContractClient.Exchange updated = patch(owner, id, etag, body("name", "New name", "price", 9.5), Map.of());
    assertItem(ok(updated, 200));
    assertThat(updated.header("ETag")).isPresent();
  }

  @Test
  void update_staleETag_is412() {
    String id = MarketUsers.itemId("stale");
    String etag = create(owner, id, "Name", "10", Map.of()).header("ETag").orElseThrow();
    ok(patch(owner, id, etag, body("price", 11), Map.of()), 200);
    assertProblem(patch(owner, id, etag, body("price", 12), producing(412)), 412);
  }

  @Test
  void update_withoutIfMatch_is428() {
    String id = MarketUsers.itemId("nomatch");
    ok(create(owner, id, "Name", "10", Map.of()), 201);
    assertProblem(patch(owner, id, null, body("price", 12), producing(428)), 428);
  }

  @Test
  void update_anotherUsersItem_is403() {
    String id = MarketUsers.itemId("theirs");
    String etag = create(owner, id, "Name", "10", Map.of()).header("ETag").orElseThrow();
    assertProblem(patch(other, id, etag, body("price", 1), producing(403)), 403);
  }

  @Test
  void update_unknownItem_is404_andUnknownFields_are400() {
    assertProblem(patch(owner, MarketUsers.itemId("none"), "\"1\"", body("price", 1), producing(404)), 404);
    assertProblem(client().callBreakingContract("PATCH", "/items/demo",
        merge(merge(merge(bearer(owner), jsonType()), Map.of("If-Match", "\"1\"")), producing(400)),
        body("owner_id", "me")), 400);
  }

  @Test
  void update_soldItem_is409() {
    // on the server an item is SOLD only through an accepted offer: MarketplaceFlowsTest
    if (client().target().equals(Targets.SERVER)) return;
    assertProblem(patch(owner, "demo", "\"1\"", body("price", 1), producing(409)), 409);
  }

  @Test
  void update_withoutAValidToken_is401() {
    assertUnauthorized(client().call("PATCH", "/items/demo",
        merge(merge(bearer("not.a.token"), jsonType()), producing(401)), body("price", 1)), true);
  }

  // --- delete -----------------------------------------------------------------------------

  @Test
  void delete_withTheCurrentETag_is204_andTheItemIsGone() {
    String id = MarketUsers.itemId("del");
    String etag = create(owner, id, "Name", "10", Map.of()).header("ETag").orElseThrow();
    ContractClient.Exchange deleted = delete(owner, id, etag, Map.of());
    assertThat(deleted.status()).isEqualTo(204);
    assertProblem(client().get("/items/" + id, merge(bearer(owner), producing(404))), 404);
  }

  @Test
  void delete_preconditions_andOwnership() {
    String id = MarketUsers.itemId("delpre");
    String etag = create(owner, id, "Name", "10", Map.of()).header("ETag").orElseThrow();
    assertProblem(delete(owner, id, null, producing(428)), 428);
    assertProblem(delete(owner, id, "\"99\"", producing(412)), 412);
    assertProblem(delete(other, id, etag, producing(403)), 403);
    assertProblem(delete(owner, MarketUsers.itemId("none"), "\"1\"", producing(404)), 404);
    assertUnauthorized(delete("not.a.token", id, etag, producing(401)), true);
  }

  // --- HTTP layer -------------------------------------------------------------------------

  @Test
  void bodyOperations_refuseNonJsonWith415_andOversizedBodiesWith413() {
    String oversized = "{\"name\":\"" + "a".repeat(1024 * 1024 + 16) + "\"}";
    for (String[] op : List.of(new String[] {"POST", "/items"}, new String[] {"PATCH", "/items/demo"})) {
      Map<String, String> h = merge(bearer(owner), Map.of("If-Match", "\"1\""));
      assertProblem(client().callBreakingContract(op[0], op[1], merge(merge(h, Map.of("Content-Type", "text/plain")),
          producing(415)), "hello"), 415);
      assertProblem(client().callBreakingContract(op[0], op[1], merge(merge(h, jsonType()), producing(413)), oversized), 413);
    }
  }

  // --- helpers ----------------------------------------------------------------------------

  static Map<String, String> jsonType() {
    return Map.of("Content-Type", "application/json");
  }

  ContractClient.Exchange create(String token, String itemId, String name, String price, Map<String, String> headers) {
    return client().post("/items", merge(bearer(token), headers),
        body("item_id", itemId, "name", name, "price", new java.math.BigDecimal(price), "currency", "USD",
            "description", "Conformance test item", "image_urls", List.of("https://images.example.com/" + itemId + ".jpg")));
  }

  ContractClient.Exchange patch(String token, String itemId, String ifMatch, String json, Map<String, String> headers) {
    Map<String, String> h = merge(merge(bearer(token), jsonType()), headers);
    if (ifMatch != null) h = merge(h, Map.of("If-Match", ifMatch));
    return client().call("PATCH", "/items/" + itemId, h, json);
  }

  ContractClient.Exchange delete(String token, String itemId, String ifMatch, Map<String, String> headers) {
    Map<String, String> h = merge(bearer(token), headers);
    if (ifMatch != null) h = merge(h, Map.of("If-Match", ifMatch));
    return client().call("DELETE", "/items/" + itemId, h, null);
  }

  static void assertItem(JsonNode item) {
    assertThat(item.path("item_id").asText()).matches("^[A-Za-z0-9_-]{1,64}$");
    assertThat(item.path("owner_id").asText()).isNotBlank();
    assertThat(item.path("name").asText()).isNotBlank();
    assertThat(item.path("price").isNumber()).isTrue();
    assertThat(item.path("currency").asText()).matches("^[A-Z]{3}$");
    assertThat(item.path("status").asText()).isIn("ACTIVE", "SOLD", "ARCHIVED");
    assertThat(item.path("version").asLong()).isPositive();
  }
}
