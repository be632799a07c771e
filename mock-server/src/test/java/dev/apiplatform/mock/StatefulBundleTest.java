package dev.apiplatform.mock;

import static dev.apiplatform.mock.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --stateful} on the real bundle: owners (the token's {@code sub}), the list filters and
 * the pagination the contract declares, answered as the platform answers them.
 */
class StatefulBundleTest {

  @RegisterExtension
  static final MockServerExtension MOCK = MockServerExtension.withOptions(
      MockOptions.defaults().withPort(0).withStateful(true));

  private static final String ALICE = "Bearer " + Tokens.jwt("{\"sub\":\"alice\"}");
  private static final String BOB = "Bearer " + Tokens.jwt("{\"sub\":\"bob\"}");

  private static HttpResponse<String> call(String token, String method, String path, String body, String... more) {
    List<String> h = new ArrayList<>(List.of("Authorization", token));
    if (body != null) {
      h.addAll(List.of("Content-Type", "application/json"));
    }
    h.addAll(List.of(more));
    return Http.sendBody(method, MOCK.baseUri().resolve(path), body, h.toArray(String[]::new));
  }

  private static void item(String token, String id, String name, double price) {
    HttpResponse<String> r = call(token, "POST", "/items",
        "{\"item_id\":\"" + id + "\",\"name\":\"" + name + "\",\"price\":" + price + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static List<String> ids(HttpResponse<String> r, String list, String id) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r).path(list).findValuesAsText(id);
  }

  @Test
  void anItemIsItsCreatorsAndOnlyTheOwnerChangesIt_othersGetTheContracts403() throws Exception {
    item(ALICE, "lamp", "Desk lamp", 12.5);
    HttpResponse<String> read = call(BOB, "GET", "/items/lamp", null);
    assertThat(read.statusCode()).isEqualTo(200); // every signed-in user reads items
    assertThat(json(read).path("owner_id").asText()).isEqualTo("alice");

    HttpResponse<String> patch = call(BOB, "PATCH", "/items/lamp", "{\"price\":1}", "If-Match", "\"1\"");
    assertThat(patch.statusCode()).isEqualTo(403);
    assertThat(json(patch).path("type").asText()).isEqualTo("/problems/forbidden");
    assertThat(call(BOB, "DELETE", "/items/lamp", null, "If-Match", "\"1\"").statusCode()).isEqualTo(403);
    assertThat(json(call(ALICE, "GET", "/items/lamp", null)).path("price").asDouble()).isEqualTo(12.5);

    assertThat(call(ALICE, "PATCH", "/items/lamp", "{\"price\":11}", "If-Match", "\"1\"").statusCode()).isEqualTo(200);
    assertThat(call(ALICE, "DELETE", "/items/lamp", null, "If-Match", "\"2\"").statusCode()).isEqualTo(204);
  }

  @Test
  void privateCollections_hideOtherUsersItems_as404() throws Exception {
    String echo = "0b9e4a52-4c33-4a8e-a1f7-2f1c55d7e0a1";
    HttpResponse<String> created = call(ALICE, "POST", "/api/v1/echoes?echo_id=" + echo,
        "{\"emotion\":\"joy\",\"timestamp\":\"2025-07-04T19:30:00Z\",\"tags\":[\"birthday\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).path("user_id").asText()).isEqualTo("alice");
    assertThat(call(ALICE, "GET", "/api/v1/echoes/" + echo, null).statusCode()).isEqualTo(200);
    assertThat(call(BOB, "GET", "/api/v1/echoes/" + echo, null).statusCode()).isEqualTo(404);
    assertThat(call(BOB, "DELETE", "/api/v1/echoes/" + echo, null).statusCode()).isEqualTo(404); // 403 not documented
    assertThat(ids(call(BOB, "GET", "/api/v1/echoes", null), "echoes", "echo_id")).isEmpty();
    assertThat(ids(call(ALICE, "GET", "/api/v1/echoes", null), "echoes", "echo_id")).containsExactly(echo);
    assertThat(ids(call(ALICE, "GET", "/api/v1/echoes?emotion=calm", null), "echoes", "echo_id")).isEmpty();
    assertThat(ids(call(ALICE, "GET", "/api/v1/echoes?emotion=joy", null), "echoes", "echo_id")).containsExactly(echo);
    assertThat(call(ALICE, "DELETE", "/api/v1/echoes/" + echo, null).statusCode()).isEqualTo(204);
  }

  @Test
  void listFilters_applyToTheStoredItems() throws Exception {
    item(ALICE, "cheap-lamp", "Cheap lamp", 5);
    item(ALICE, "oak-table", "Oak table", 150);
    item(BOB, "brass-lamp", "Brass lamp", 40);
    assertThat(ids(call(BOB, "GET", "/items", null), "items", "item_id"))
        .containsExactly("brass-lamp", "oak-table", "cheap-lamp"); // everyone's, newest first
    assertThat(ids(call(BOB, "GET", "/items?owner=me", null), "items", "item_id")).containsExactly("brass-lamp");
    assertThat(ids(call(ALICE, "GET", "/items?owner=me", null), "items", "item_id")).containsExactly("oak-table", "cheap-lamp");
    assertThat(ids(call(BOB, "GET", "/items?min_price=10&max_price=100", null), "items", "item_id")).containsExactly("brass-lamp");
    assertThat(ids(call(BOB, "GET", "/items?max_price=5", null), "items", "item_id")).containsExactly("cheap-lamp"); // inclusive
    assertThat(ids(call(BOB, "GET", "/items?q=LAMP", null), "items", "item_id")).containsExactly("brass-lamp", "cheap-lamp");
    assertThat(ids(call(BOB, "GET", "/items?q=lamp&owner=me", null), "items", "item_id")).containsExactly("brass-lamp");
  }

  @Test
  void cursorPagination_walksEveryItemOnce_andTheLastPageHasNoCursor() throws Exception {
    for (int i = 1; i <= 5; i++) {
      item(ALICE, "item-" + i, "Item " + i, i);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = json(call(ALICE, "GET", "/items?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null));
      page.path("items").findValuesAsText("item_id").forEach(seen::add);
      assertThat(page.path("page").path("limit").asInt()).isEqualTo(2);
      boolean more = page.path("page").path("has_more").asBoolean();
      assertThat(page.path("page").has("next_cursor")).isEqualTo(more);
      cursor = more ? page.path("page").path("next_cursor").asText() : null;
      if (pages == 0) {
        item(ALICE, "item-6", "Item 6", 6); // created while paging: later pages neither repeat nor skip
      }
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("item-5", "item-4", "item-3", "item-2", "item-1");
    HttpResponse<String> forged = call(ALICE, "GET", "/items?cursor=bm90LW91cnM", null);
    assertThat(forged.statusCode()).isEqualTo(400);
  }

  @Test
  void pageNumberPagination_countsTotalsAndNextPage() throws Exception {
    String[] ids = {"1b9e4a52-4c33-4a8e-a1f7-2f1c55d7e0a1", "2b9e4a52-4c33-4a8e-a1f7-2f1c55d7e0a1",
        "3b9e4a52-4c33-4a8e-a1f7-2f1c55d7e0a1"};
    for (String id : ids) {
      assertThat(call(ALICE, "POST", "/api/v1/echoes?echo_id=" + id,
          "{\"emotion\":\"calm\",\"timestamp\":\"2025-07-04T19:30:00Z\"}").statusCode()).isEqualTo(201);
    }
    JsonNode first = json(call(ALICE, "GET", "/api/v1/echoes?page_size=2", null));
    assertThat(first.path("echoes").findValuesAsText("echo_id")).containsExactly(ids[2], ids[1]);
    assertThat(first.path("total").asInt()).isEqualTo(3);
    assertThat(first.path("has_more").asBoolean()).isTrue();
    assertThat(first.path("next_page").asInt()).isEqualTo(2);
    JsonNode second = json(call(ALICE, "GET", "/api/v1/echoes?page_size=2&page=2", null));
    assertThat(second.path("echoes").findValuesAsText("echo_id")).containsExactly(ids[0]);
    assertThat(second.path("has_more").asBoolean()).isFalse();
    assertThat(second.has("next_page")).isFalse();
    assertThat(second.path("page").asInt()).isEqualTo(2);
  }

  @Test
  void whatIsInferred_isPrintedAtStart() {
    assertThat(MockServerMain.banner(MOCK.running())).contains(
        "/items: id 'item_id'", "owner = the token's sub in 'owner_id', others read but do not change (403)",
        "filters owner=me, min_price <= price, max_price >= price, q in name", "pages by cursor/limit (20 per page)",
        "/api/v1/echoes: id 'echo_id'", "others get 404", "filters emotion=emotion", "pages by page/page_size");
  }
}
