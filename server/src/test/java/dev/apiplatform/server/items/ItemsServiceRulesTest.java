package dev.apiplatform.server.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.domain.DomainException;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.error.ProblemTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ItemsServiceRulesTest {

  private static final Item ITEM = new Item("demo", "owner", "Sample", Optional.empty(), new BigDecimal("19.99"), "USD",
      List.of(), Item.Status.ACTIVE, 3, Instant.EPOCH, Instant.EPOCH);

  private static int status(Runnable call) {
    try {
      call.run();
      return 0;
    } catch (DomainException e) {
      return ProblemTable.map(e).status();
    }
  }

  @Test
  void price_keepsTheExactDecimal_andDropsTrailingZeros() {
    assertThat(ItemsService.price("body.price", new BigDecimal("19.99"), "USD")).isEqualTo(new BigDecimal("19.99"));
    assertThat(ItemsService.price("body.price", new BigDecimal("19.90"), "USD")).isEqualTo(new BigDecimal("19.9"));
    assertThat(ItemsService.price("body.price", new BigDecimal("1E+2"), "USD").toPlainString()).isEqualTo("100");
  }

  @Test
  void price_refusesNegativeAbsurdOrTooPreciseAmounts() {
    assertThat(status(() -> ItemsService.price("body.price", new BigDecimal("-0.01"), "USD"))).isEqualTo(400);
    assertThat(status(() -> ItemsService.price("body.price", new BigDecimal("10000000.01"), "USD"))).isEqualTo(400);
    assertThat(status(() -> ItemsService.price("body.price", new BigDecimal("19.999"), "USD"))).isEqualTo(400);
    assertThat(status(() -> ItemsService.price("body.price", new BigDecimal("1500.5"), "JPY"))).isEqualTo(400);
    assertThat(ItemsService.price("body.price", new BigDecimal("1500"), "JPY")).isEqualTo(new BigDecimal("1500"));
  }

  @Test
  void listing_priceFilterFinerThanCents_is400NotAStoreQuery() {
    // the repository is never reached: the filter is refused first (1e-300 used to answer 503)
    ItemsService service = new ItemsService(null, java.time.Clock.systemUTC());
    assertThat(status(() -> service.list("u", false, Optional.of(new BigDecimal("1e-300")), Optional.empty(),
        Optional.empty(), Optional.empty(), 20))).isEqualTo(400);
    assertThat(status(() -> service.list("u", false, Optional.empty(), Optional.of(new BigDecimal("0.001")),
        Optional.empty(), Optional.empty(), 20))).isEqualTo(400);
  }

  @Test
  void update_withNothingToChange_is400BeforeAnyRead() {
    ItemsService service = new ItemsService(null, java.time.Clock.systemUTC());
    ItemsService.Draft nothing = new ItemsService.Draft(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(status(() -> service.update("u", "demo", Optional.of("*"), nothing))).isEqualTo(400);
  }

  @Test
  void display_writesTheCurrencysDecimals() {
    assertThat(ItemsService.display(new BigDecimal("19.9"), "USD").toString()).isEqualTo("19.90");
    assertThat(ItemsService.display(new BigDecimal("1500"), "JPY").toString()).isEqualTo("1500");
  }

  @Test
  void currency_mustBeIso4217() {
    assertThat(ItemsService.currency("body.currency", "EUR")).isEqualTo("EUR");
    assertThat(status(() -> ItemsService.currency("body.currency", "ZZZ"))).isEqualTo(400);
  }

  @Test
  void ifMatch_isRequired_andMustNameTheCurrentVersion() {
    assertThat(ItemsService.expectedVersion(Optional.of("\"3\""), ITEM)).isEqualTo(3);
    assertThat(ItemsService.expectedVersion(Optional.of("W/\"3\""), ITEM)).isEqualTo(3);
    assertThat(ItemsService.expectedVersion(Optional.of("*"), ITEM)).isEqualTo(3);
    assertThat(status(() -> ItemsService.expectedVersion(Optional.empty(), ITEM))).isEqualTo(428);
    assertThat(status(() -> ItemsService.expectedVersion(Optional.of("\"2\""), ITEM))).isEqualTo(412);
    assertThat(status(() -> ItemsService.expectedVersion(Optional.of("garbage"), ITEM))).isEqualTo(412);
  }

  @Test
  void cursor_roundTrips_andForeignCursorsAre400() {
    var cursor = new ItemsRepository.Cursor("2026-11-23T10:15:30Z#demo", "demo");
    String encoded = ItemsService.encodeCursor(cursor);
    assertThat(encoded).matches("^[A-Za-z0-9_-]+$");
    assertThat(ItemsService.decodeCursor(encoded)).isEqualTo(cursor);
    assertThatThrownBy(() -> ItemsService.decodeCursor("bm90LWEtY3Vyc29y")).isInstanceOf(InvalidField.class);
    assertThatThrownBy(() -> ItemsService.decodeCursor("!!")).isInstanceOf(InvalidField.class);
  }
}
