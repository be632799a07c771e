package dev.apiplatform.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.client.model.CreateItemRequest;
import dev.apiplatform.client.model.CreateOfferRequest;
import dev.apiplatform.client.model.Item;
import dev.apiplatform.client.model.ItemStatus;
import dev.apiplatform.client.model.Liveness;
import dev.apiplatform.client.model.Offer;
import dev.apiplatform.client.model.StartResponse;
import dev.apiplatform.client.model.TokenResponse;
import dev.apiplatform.client.model.UpdateItemRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Seed 004's runbook, step by step, through the SDK against the running platform. */
class RunbookFlowTest {

  @Test
  void seed004Runbook_startVerifyCreateGetRefreshHealthz_thenOffersToASale() throws Exception {
    PlatformClient seller = TestUsers.client();
    String phone = TestUsers.phone();

    // 1) start: a code is "sent"; dev echoes it
    StartResponse started = seller.session().startPhoneSignIn(phone);
    assertThat(started.getSession()).isNotBlank();
    assertThat(started.getPhone()).isEqualTo(phone);
    assertThat(started.getDevOtp()).matches("\\d{6}");

    // 2) verify: tokens land in the session's store
    TokenResponse tokens = seller.session().verifyPhoneSignIn(started, started.getDevOtp());
    assertThat(seller.session().tokens().accessToken()).isEqualTo(tokens.getAccessToken());
    assertThat(seller.session().tokens().expiresAtEpochSecond()).isGreaterThan(System.currentTimeMillis() / 1000);

    // 3) a protected call: create, then read it back with its ETag
    String itemId = TestUsers.id("demo");
    Versioned<Item> created = seller.items().create(new CreateItemRequest().itemId(itemId).name("Sample")
        .price(new BigDecimal("19.99")));
    assertThat(created.etag()).isNotBlank();
    Versioned<Item> read = seller.items().get(itemId);
    assertThat(read.value().getName()).isEqualTo("Sample");
    assertThat(read.value().getPrice()).isEqualByComparingTo("19.99");
    assertThat(read.etag()).isEqualTo(created.etag());

    // 4) refresh: the refresh token rotates, calls keep working on the new access token
    Tokens before = seller.session().tokens();
    Tokens after = seller.session().refresh();
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(seller.items().get(itemId).value().getItemId()).isEqualTo(itemId);

    // 5) public health check
    assertThat(seller.system().systemGetLiveness().getStatus()).isEqualTo(Liveness.StatusEnum.OK);

    // the marketplace beyond the runbook: a buyer offers, the seller accepts, the item is sold
    PlatformClient buyer = TestUsers.signedInByPhone();
    Offer offer = buyer.offers().offersCreate(new CreateOfferRequest().itemId(itemId)
        .amount(new BigDecimal("15.00")), UUID.randomUUID().toString());
    assertThat(offer.getStatus()).isEqualTo(Offer.StatusEnum.PENDING);
    List<Offer> seen = Pages.offers(seller.offers(), itemId, null).toList();
    assertThat(seen).extracting(Offer::getOfferId).containsExactly(offer.getOfferId());
    Offer accepted = seller.offers().offersAccept(offer.getOfferId(), UUID.randomUUID().toString());
    assertThat(accepted.getStatus()).isEqualTo(Offer.StatusEnum.ACCEPTED);
    assertThat(seller.items().get(itemId).value().getStatus()).isEqualTo(ItemStatus.SOLD);

    // a sale is final: typed problems, not raw bodies
    assertThatThrownBy(() -> seller.items().update(itemId, new UpdateItemRequest().price(BigDecimal.ONE)))
        .isInstanceOf(ConflictProblem.class);
    assertThatThrownBy(() -> buyer.offers().offersWithdraw(offer.getOfferId(), null))
        .isInstanceOf(ConflictProblem.class);

    seller.session().signOut();
    assertThat(seller.session().isSignedIn()).isFalse();
  }

  @Test
  void items_etagRoundTrip_pagingAndTypedProblems() throws Exception {
    PlatformClient c = TestUsers.signedInByPhone();
    String prefix = TestUsers.id("page");
    for (int i = 0; i < 3; i++) {
      c.items().create(new CreateItemRequest().itemId(prefix + "-" + i).name("Lamp " + prefix + " " + i)
          .price(new BigDecimal(10 + i)));
    }

    // three items over pages of two: the iterable follows next_cursor
    List<Item> mine = Pages.items(c.items().api(), "me", null, null, null, 2).toList();
    assertThat(mine).extracting(Item::getItemId)
        .containsExactlyInAnyOrder(prefix + "-0", prefix + "-1", prefix + "-2");
    assertThat(c.items().browse(prefix, null, null).stream().count()).isEqualTo(3);

    // update reads the ETag itself; a stale version is a 412
    Versioned<Item> v1 = c.items().get(prefix + "-0");
    Versioned<Item> v2 = c.items().update(prefix + "-0", new UpdateItemRequest().name("Renamed"));
    assertThat(v2.value().getName()).isEqualTo("Renamed");
    assertThat(v2.etag()).isNotEqualTo(v1.etag());
    assertThatThrownBy(() -> c.items().update(v1, new UpdateItemRequest().name("Lost race")))
        .isInstanceOfSatisfying(PreconditionProblem.class, p -> {
          assertThat(p.status()).isEqualTo(412);
          assertThat(p.type()).isEqualTo("/problems/precondition-failed");
          assertThat(p.requestId()).isNotBlank();
        });

    // a taken id is a 409; a bad price a 400 naming the field
    assertThatThrownBy(() -> c.items().create(new CreateItemRequest().itemId(prefix + "-1").name("x")
        .price(BigDecimal.ONE))).isInstanceOf(ConflictProblem.class);
    assertThatThrownBy(() -> c.items().create(new CreateItemRequest().itemId(TestUsers.id("neg")).name("x")
        .price(new BigDecimal("-1"))))
        .isInstanceOfSatisfying(ValidationProblem.class,
            p -> assertThat(p.errors()).anySatisfy(e -> assertThat(e.getField()).contains("price")));

    c.items().delete(prefix + "-2");
    assertThatThrownBy(() -> c.items().get(prefix + "-2")).isInstanceOf(NotFoundProblem.class);
  }
}
