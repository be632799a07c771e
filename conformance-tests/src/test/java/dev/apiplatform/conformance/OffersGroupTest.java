package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The offers group (seed 004's marketplace), run unchanged against every target. */
class OffersGroupTest extends GroupSuite {

  String seller;
  String buyer;
  String itemId;

  @BeforeEach
  void marketplace() {
    seller = MarketUsers.token(client());
    buyer = MarketUsers.token(client());
    itemId = ok(client().post("/items", bearer(seller), body("item_id", MarketUsers.itemId("offered"), "name", "Bike",
        "price", new BigDecimal("120.00"))), 201).path("item_id").asText();
  }

  // --- create -----------------------------------------------------------------------------

  @Test
  void create_is201_pending() {
    JsonNode offer = ok(offer(buyer, itemId, "99.50", Map.of()), 201);
    assertOffer(offer);
    assertThat(offer.path("status").asText()).isEqualTo("PENDING");
  }

  @Test
  void create_onOwnItem_is403() {
    assertProblem(offer(seller, itemId, "10", producing(403)), 403);
  }

  @Test
  void create_onUnknownItem_is404() {
    assertProblem(offer(buyer, MarketUsers.itemId("none"), "10", producing(404)), 404);
  }

  @Test
  void create_onASoldItem_is409() {
    String offerId = id(ok(offer(buyer, itemId, "100", Map.of()), 201));
    ok(action(seller, offerId, "accept", Map.of()), 200);
    assertProblem(offer(MarketUsers.token(client()), itemId, "130", producing(409)), 409);
  }

  @Test
  void create_badAmounts_are400() {
    assertProblem(offer(buyer, itemId, "1.234", producing(400)), 400);
    for (String amount : List.of("-5", "100000000")) {
      assertProblem(client().callBreakingContract("POST", "/offers", merge(merge(bearer(buyer), ItemsGroupTest.jsonType()),
          producing(400)), body("item_id", itemId, "amount", new BigDecimal(amount))), 400);
    }
    assertProblem(client().callBreakingContract("POST", "/offers", merge(merge(bearer(buyer), ItemsGroupTest.jsonType()),
        producing(400)), body("item_id", itemId, "amount", 5, "message", "m".repeat(1001))), 400);
  }

  @Test
  void create_sameIdempotencyKeyWithAnotherBody_is422() {
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    ok(offer(buyer, itemId, "50", key), 201);
    assertProblem(offer(buyer, itemId, "60", merge(key, producing(422))), 422);
  }

  @Test
  void create_withoutAValidToken_is401_andNonJsonOrOversized_are415_413() {
    assertUnauthorized(offer("not.a.token", itemId, "5", producing(401)), true);
    assertProblem(client().callBreakingContract("POST", "/offers", merge(merge(bearer(buyer),
        Map.of("Content-Type", "text/plain")), producing(415)), "hello"), 415);
    assertProblem(client().callBreakingContract("POST", "/offers", merge(merge(bearer(buyer), ItemsGroupTest.jsonType()),
        producing(413)), "{\"message\":\"" + "a".repeat(1024 * 1024 + 16) + "\"}"), 413);
  }

  // --- list -------------------------------------------------------------------------------

  @Test
  void list_ownerSeesTheOffers() {
    ok(offer(buyer, itemId, "70", Map.of()), 201);
    JsonNode page = ok(client().get("/offers?item_id=" + itemId + "&limit=10", bearer(seller)), 200);
    assertThat(page.path("offers")).isNotEmpty();
    page.path("offers").forEach(OffersGroupTest::assertOffer);
    assertThat(page.path("page").path("has_more").isBoolean()).isTrue();
  }

  @Test
  void list_unknownItem_is404_badCursor_is400_noToken_is401() {
    assertProblem(client().get("/offers?item_id=" + MarketUsers.itemId("none"), merge(bearer(buyer), producing(404))), 404);
    assertProblem(client().get("/offers?item_id=" + itemId + "&cursor=bm90LWEtY3Vyc29y", merge(bearer(buyer), producing(400))), 400);
    assertUnauthorized(client().get("/offers?item_id=" + itemId, merge(bearer("not.a.token"), producing(401))), true);
  }

  // --- accept / decline / withdraw --------------------------------------------------------

  @Test
  void accept_byTheOwner_is200_andTheItemIsSold() {
    String offerId = id(ok(offer(buyer, itemId, "110", Map.of()), 201));
    JsonNode accepted = ok(action(seller, offerId, "accept", Map.of()), 200);
    assertOffer(accepted);
    JsonNode item = ok(client().get("/items/" + itemId, bearer(buyer)), 200);
    if (onServer()) { // the mock answers its examples
      assertThat(accepted.path("status").asText()).isEqualTo("ACCEPTED");
      assertThat(item.path("status").asText()).isEqualTo("SOLD");
    }
  }

  @Test
  void decline_byTheOwner_andWithdraw_byTheBuyer_are200() {
    String first = id(ok(offer(buyer, itemId, "80", Map.of()), 201));
    JsonNode declined = ok(action(seller, first, "decline", Map.of()), 200);
    String second = id(ok(offer(buyer, itemId, "85", Map.of()), 201));
    JsonNode withdrawn = ok(action(buyer, second, "withdraw", Map.of()), 200);
    if (onServer()) {
      assertThat(declined.path("status").asText()).isEqualTo("DECLINED");
      assertThat(withdrawn.path("status").asText()).isEqualTo("WITHDRAWN");
    }
  }

  @Test
  void actions_byTheWrongParty_are403() {
    String offerId = id(ok(offer(buyer, itemId, "90", Map.of()), 201));
    assertProblem(action(buyer, offerId, "accept", producing(403)), 403);
    assertProblem(action(buyer, offerId, "decline", producing(403)), 403);
    assertProblem(action(seller, offerId, "withdraw", producing(403)), 403);
  }

  @Test
  void actions_onAClosedOffer_are409() {
    String offerId = id(ok(offer(buyer, itemId, "90", Map.of()), 201));
    ok(action(buyer, offerId, "withdraw", Map.of()), 200);
    assertProblem(action(seller, offerId, "accept", producing(409)), 409);
    assertProblem(action(seller, offerId, "decline", producing(409)), 409);
    assertProblem(action(buyer, offerId, "withdraw", producing(409)), 409);
  }

  @Test
  void actions_onAnUnknownOffer_are404_andWithoutAToken_401() {
    String unknown = UUID.randomUUID().toString();
    for (String action : List.of("accept", "decline", "withdraw")) {
      assertProblem(action(seller, unknown, action, producing(404)), 404);
      assertUnauthorized(action("not.a.token", unknown, action, producing(401)), true);
    }
  }

  @Test
  void actions_sameIdempotencyKeyForAnotherOffer_are422() {
    for (String action : List.of("accept", "decline", "withdraw")) {
      String actor = action.equals("withdraw") ? buyer : seller;
      Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
      String one = id(ok(offer(buyer, itemId, "10", Map.of()), 201));
      String two = id(ok(offer(buyer, itemId, "11", Map.of()), 201));
      ok(action(actor, one, action, key), 200);
      // refused on the key before any rule runs (after an accept the item is sold, too)
      assertProblem(action(actor, two, action, merge(key, producing(422))), 422);
      if (action.equals("accept")) {
        marketplace(); // a fresh item for the next actions
      }
    }
  }

  // --- helpers ----------------------------------------------------------------------------

  ContractClient.Exchange offer(String token, String item, String amount, Map<String, String> headers) {
    return client().post("/offers", merge(bearer(token), headers),
        body("item_id", item, "amount", new BigDecimal(amount), "message", "Conformance offer"));
  }

  ContractClient.Exchange action(String token, String offerId, String action, Map<String, String> headers) {
    return client().call("POST", "/offers/" + offerId + "/" + action, merge(bearer(token), headers), null);
  }

  static String id(JsonNode offer) {
    return offer.path("offer_id").asText();
  }

  static void assertOffer(JsonNode offer) {
    assertThat(offer.path("offer_id").asText()).isNotBlank();
    assertThat(offer.path("item_id").asText()).isNotBlank();
    assertThat(offer.path("buyer_id").asText()).isNotBlank();
    assertThat(offer.path("seller_id").asText()).isNotBlank();
    assertThat(offer.path("amount").isNumber()).isTrue();
    assertThat(offer.path("currency").asText()).matches("^[A-Z]{3}$");
    assertThat(offer.path("status").asText()).isIn("PENDING", "ACCEPTED", "DECLINED", "WITHDRAWN");
  }
}
