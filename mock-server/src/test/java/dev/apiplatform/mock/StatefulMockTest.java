package dev.apiplatform.mock;

import static dev.apiplatform.mock.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --stateful}: the CRUD collection the fixture declares, kept in memory. */
class StatefulMockTest {

  @RegisterExtension
  static final MockServerExtension MOCK = MockServerExtension.withOptions(
      MockOptions.defaults().withPort(0).withSpec(MockFeaturesTest.fixture()).withStateful(true));

  static URI uri(String path) {
    return MOCK.baseUri().resolve(path);
  }

  static HttpResponse<String> call(String method, String path, String body, String... more) {
    String[] headers = new String[(body == null ? 2 : 4) + more.length];
    headers[0] = "Authorization";
    headers[1] = Tokens.bearer();
    if (body != null) {
      headers[2] = "Content-Type";
      headers[3] = "application/json";
    }
    System.arraycopy(more, 0, headers, body == null ? 2 : 4, more.length);
    return Http.sendBody(method, uri(path), body, headers);
  }

  @Test
  void infersTheCollectionFromTheContractsShapes() {
    assertThat(MOCK.collections()).containsExactly("/pets: id 'pet_id'; create POST /pets, get /pets/{pet_id},"
        + " patch /pets/{pet_id}, delete /pets/{pet_id}, list GET /pets -> pets[]; ETag/If-Match;"
        + " owner = the token's sub, others get 404; pages by limit (20 per page)");
  }

  @Test
  void createGetPatchListDelete_roundTrip() throws Exception {
    HttpResponse<String> created = call("POST", "/pets", "{\"pet_id\":\"fido\",\"name\":\"Fido\",\"age\":2}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
    assertThat(created.headers().firstValue("Location")).hasValue("/pets/fido");
    assertThat(json(created).path("name").asText()).isEqualTo("Fido");
    assertThat(json(created).path("tag").asText()).isEqualTo("dog"); // unsent fields: the example's

    HttpResponse<String> got = call("GET", "/pets/fido", null);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(json(got).path("age").asInt()).isEqualTo(2);

    HttpResponse<String> patched = call("PATCH", "/pets/fido", "{\"age\":3}", "If-Match", "\"1\"");
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.headers().firstValue("ETag")).hasValue("\"2\"");
    assertThat(json(patched).path("age").asInt()).isEqualTo(3);
    assertThat(json(patched).path("version").asInt()).isEqualTo(2);
    assertThat(json(call("GET", "/pets/fido", null)).path("age").asInt()).isEqualTo(3);

    call("POST", "/pets", "{\"pet_id\":\"tom\",\"name\":\"Tom\"}");
    JsonNode page = json(call("GET", "/pets", null));
    assertThat(page.path("pets").findValuesAsText("pet_id")).containsExactly("tom", "fido"); // newest first
    assertThat(page.path("page").path("has_more").asBoolean()).isFalse();
    assertThat(page.path("page").has("next_cursor")).isFalse();

    assertThat(call("DELETE", "/pets/fido", null, "If-Match", "\"2\"").statusCode()).isEqualTo(204);
    assertThat(call("GET", "/pets/fido", null).statusCode()).isEqualTo(404);
    assertThat(json(call("GET", "/pets", null)).path("pets").findValuesAsText("pet_id")).containsExactly("tom");
  }

  @Test
  void ifMatch_missingIs428_staleIs412() {
    call("POST", "/pets", "{\"pet_id\":\"rex\",\"name\":\"Rex\"}");
    assertThat(call("PATCH", "/pets/rex", "{\"age\":4}").statusCode()).isEqualTo(428);
    assertThat(call("PATCH", "/pets/rex", "{\"age\":4}", "If-Match", "\"7\"").statusCode()).isEqualTo(412);
    assertThat(call("DELETE", "/pets/rex", null, "If-Match", "\"7\"").statusCode()).isEqualTo(412);
    assertThat(call("DELETE", "/pets/rex", null, "If-Match", "*").statusCode()).isEqualTo(204);
  }

  @Test
  void unknownIds_are404_andATakenIdIs409() throws Exception {
    HttpResponse<String> missing = call("GET", "/pets/nobody", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).path("type").asText()).isEqualTo("/problems/not-found");
    assertThat(call("PATCH", "/pets/nobody", "{\"age\":1}", "If-Match", "*").statusCode()).isEqualTo(404);
    call("POST", "/pets", "{\"pet_id\":\"dup\",\"name\":\"A\"}");
    assertThat(call("POST", "/pets", "{\"pet_id\":\"dup\",\"name\":\"B\"}").statusCode()).isEqualTo(409);
  }

  @Test
  void reset_forgetsEverything_andPreferStillServesExamples() throws Exception {
    call("POST", "/pets", "{\"pet_id\":\"gone\",\"name\":\"Gone\"}");
    assertThat(Http.send("POST", uri("/__mock/reset")).statusCode()).isEqualTo(204);
    assertThat(call("GET", "/pets/gone", null).statusCode()).isEqualTo(404);
    assertThat(json(call("GET", "/pets", null)).path("pets")).isEmpty();
    HttpResponse<String> example = call("GET", "/pets/gone", null, "Prefer", "example=tom");
    assertThat(example.statusCode()).isEqualTo(200);
    assertThat(json(example).path("name").asText()).isEqualTo("Tom");
  }

  @Test
  void validationStillAppliesInStatefulMode() {
    assertThat(call("POST", "/pets", "{\"pet_id\":\"x\"}").statusCode()).isEqualTo(400);
    assertThat(call("GET", "/pets/x", null).statusCode()).isEqualTo(404); // nothing stored
  }

  @Test
  void theBundle_infersItsItemsCollection() {
    try (RunningMock m = ContractMock.startWith(MockOptions.defaults().withPort(0).withStateful(true))) {
      assertThat(m.collections()).anyMatch(c -> c.startsWith("/items: id 'item_id'; create POST /items,"
          + " get /items/{item_id}, patch /items/{item_id}, delete /items/{item_id}, list GET /items -> items[]"));
      HttpResponse<String> created = Http.sendBody("POST", m.baseUri().resolve("/items"),
          "{\"item_id\":\"lamp-7\",\"name\":\"Desk lamp\",\"price\":12.5,\"currency\":\"EUR\"}",
          "Authorization", Tokens.bearer(), "Content-Type", "application/json");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      HttpResponse<String> listed = Http.send("GET", m.baseUri().resolve("/items"), "Authorization", Tokens.bearer());
      assertThat(listed.body()).contains("\"item_id\":\"lamp-7\"", "Desk lamp");
      assertThat(MockServerMain.banner(m)).contains("stateful collections", "/items: id 'item_id'");
    }
  }
}
