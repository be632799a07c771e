package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 6 on the real server: a request the contract refuses gets the most specific
 * 4xx problem, not Jersey's 404 for an unconvertible parameter, a 200 for an ignored one, or a
 * sibling template's 400 for a method the path does not serve.
 */
class EdgeStatusesTest {

  ContractClient client;
  String token;

  @BeforeEach
  void user() {
    client = Targets.client(Targets.SERVER);
    token = MarketUsers.token(client);
  }

  @Test
  void queryParameterThatDoesNotConvertToItsType_is400_not404() {
    JsonNode problem = assertProblem(client.callBreakingContract("GET", "/items?max_price=false", bearer(token), null), 400);
    assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("query.max_price");
    assertProblem(client.callBreakingContract("GET", "/api/v1/echoes?page=2738691120", bearer(token), null), 400);
    assertProblem(client.callBreakingContract("GET", "/offers?limit=null", bearer(token), null), 400);
  }

  @Test
  void ownerOutsideItsEnum_is400_notIgnored() {
    JsonNode problem = assertProblem(client.callBreakingContract("GET", "/items?owner=%3B", bearer(token), null), 400);
    assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("query.owner");
  }

  @Test
  void undeclaredMethodOnALiteralPath_is405WithAllow_notTheSiblingTemplatesAnswer() {
    for (String method : new String[] {"DELETE", "PUT"}) {
      ContractClient.Exchange random = client.outsideContract(method, "/api/v1/echoes/random?emotion=joy", bearer(token), null);
      assertThat(random.status()).as(method + " /api/v1/echoes/random; body %s", random.body()).isEqualTo(405);
      assertThat(random.header("Allow")).hasValueSatisfying(a -> assertThat(a).contains("GET"));
    }
    ContractClient.Exchange init = client.outsideContract("GET", "/api/v1/echoes/init-upload", bearer(token), null);
    assertThat(init.status()).isEqualTo(405);
    assertThat(init.header("Allow")).hasValueSatisfying(a -> assertThat(a).contains("POST"));
    assertThat(init.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  @Test
  void nullImageUrls_is400_not500() {
    String body = "{\"item_id\":\"" + MarketUsers.itemId("n") + "\",\"name\":\"x\",\"price\":1,\"image_urls\":null}";
    assertProblem(client.callBreakingContract("POST", "/items", ContractClient.withJson(bearer(token)), body), 400);
  }

  @Test
  void archivedItem_isReadableByItsOwnerOnly_404ForOthers() {
    String id = MarketUsers.itemId("arch");
    String body = "{\"item_id\":\"" + id + "\",\"name\":\"Old lamp\",\"price\":3}";
    ContractClient.Exchange created = client.post("/items", bearer(token), body);
    assertThat(created.status()).isEqualTo(201);
    java.util.Map<String, String> headers = new java.util.HashMap<>(ContractClient.withJson(bearer(token)));
    headers.put("If-Match", created.header("ETag").orElseThrow());
    assertThat(client.call("PATCH", "/items/" + id, headers, "{\"status\":\"ARCHIVED\"}").status()).isEqualTo(200);

    String other = MarketUsers.token(client);
    assertProblem(client.get("/items/" + id, bearer(other)), 404);
    assertThat(client.get("/items/" + id, bearer(token)).status()).isEqualTo(200);
  }
}
