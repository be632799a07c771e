package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Numbers in query strings as the contract types them, for every operation (the server's
 * {@code http.StrictNumberParams}; the mock answers what it is asked, so this is server only).
 * Jersey alone read an empty number as absent, so its default applied and the answer was 200, and
 * it took Double and BigDecimal forms the contract does not have. Schemathesis found it
 * (seed 7: {@code GET /items?limit=&min_price=}).
 */
class QueryNumbersTest {

  private final ContractClient server = Targets.client(Targets.SERVER);

  @Test
  void items_emptyOrMalformedNumbers_are400_namingTheParameter() {
    String owner = MarketUsers.token(server);
    Map<String, String> queries = Map.of("limit=", "query.limit", "min_price=", "query.min_price",
        "limit=2.0", "query.limit", "max_price=0x10", "query.max_price", "min_price=1e99999", "query.min_price");
    queries.forEach((query, field) -> assertRefused("/items?" + query, field, owner));
    ok(server.get("/items?limit=1&min_price=0", bearer(owner)), 200);
  }

  @Test
  void events_emptyOrNonFiniteCoordinates_are400_namingTheParameter() {
    Map<String, String> queries = Map.of("lat=&lng=-84.28", "query.lat", "lat=34.07&lng=NaN", "query.lng",
        "lat=34.07&lng=-84.28&radiusMiles=", "query.radiusMiles", "lat=Infinity&lng=-84.28", "query.lat");
    queries.forEach((query, field) -> assertRefused("/events/search?" + query, field, null));
    ok(server.get("/events/search?lat=34.07&lng=-84.28&radiusMiles=5"), 200);
  }

  private void assertRefused(String pathAndQuery, String field, String token) {
    JsonNode problem = assertProblem(server.callBreakingContract("GET", pathAndQuery,
        token == null ? Map.of() : bearer(token), null), 400);
    assertThat(problem.findValuesAsText("field")).as(pathAndQuery).contains(field);
  }
}
