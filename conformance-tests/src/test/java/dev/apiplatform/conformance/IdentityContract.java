package dev.apiplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the auth and account group suites share: the target, how a target is made to answer an
 * error status, the accounts that may be sent a second code, and assertions on the shapes the
 * contract promises.
 *
 * <p>Scenarios are written once. On the server the scenario itself produces the status (a second
 * code within the minute, a wrong password); the mock only serves examples, so it is told which
 * documented status to answer with {@code Prefer: code=NNN} ({@link #producing(int)}).
 */
abstract class IdentityContract extends GroupSuite {

  /** Order of tests that take a {@link Seasoned} account: last, so that the wait overlaps the rest. */
  static final int LAST = Integer.MAX_VALUE - 1;

  static final String E164 = "^\\+[1-9][0-9]{6,14}$";

  /** A phone user that may be sent a code now (on the mock any number will do). */
  Seasoned.PhoneUser phoneUserReadyForACode() {
    return onServer() ? Seasoned.phoneUser() : new Seasoned.PhoneUser(Identities.phone(), "mock-user");
  }

  /** A confirmed email account (password {@link Identities#PASSWORD}) that may be sent a code now. */
  Seasoned.EmailUser confirmedUserReadyForACode() {
    return onServer() ? Seasoned.confirmedEmailUser()
        : new Seasoned.EmailUser(Identities.email("mock"), Identities.PASSWORD, "mock-user");
  }

  /** An unconfirmed email account that may be sent a code now. */
  Seasoned.EmailUser unconfirmedUserReadyForACode() {
    return onServer() ? Seasoned.unconfirmedEmailUser() : confirmedUserReadyForACode();
  }

  ContractClient.Exchange post(String path, String json) {
    return client().post(path, Map.of(), json);
  }

  ContractClient.Exchange post(String path, Map<String, String> headers, String json) {
    return client().post(path, headers, json);
  }

  static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> all = new LinkedHashMap<>(a);
    all.putAll(b);
    return all;
  }

  static JsonNode json(ContractClient.Exchange exchange) {
    return Identities.json(exchange);
  }

  static JsonNode ok(ContractClient.Exchange exchange, int status) {
    assertThat(exchange.status()).as("status; body: %s", exchange.body()).isEqualTo(status);
    return json(exchange);
  }

  /** An RFC 9457 problem with this status. */
  static JsonNode assertProblem(ContractClient.Exchange exchange, int status) {
    assertThat(exchange.status()).as("status; body: %s", exchange.body()).isEqualTo(status);
    assertThat(exchange.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = json(exchange);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("type").asText()).isNotBlank();
    assertThat(problem.path("title").asText()).isNotBlank();
    return problem;
  }

  /** 429 with a whole number of seconds to wait. */
  static JsonNode assertRateLimited(ContractClient.Exchange exchange) {
    JsonNode problem = assertProblem(exchange, 429);
    assertThat(exchange.header("Retry-After")).as("Retry-After on a 429")
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    return problem;
  }

  /** 401 with an RFC 6750 challenge. */
  static JsonNode assertUnauthorized(ContractClient.Exchange exchange, boolean invalidToken) {
    JsonNode problem = assertProblem(exchange, 401);
    assertThat(exchange.header("WWW-Authenticate")).as("WWW-Authenticate on a 401")
        .hasValueSatisfying(v -> {
          assertThat(v).startsWith("Bearer");
          if (invalidToken) assertThat(v).contains("error=\"invalid_token\"");
        });
    return problem;
  }

  static void assertJwt(String token) {
    assertThat(token.split("\\.")).as("a JWS in compact form: %s", token).hasSize(3);
  }

  /**
   * The mock serves every documented 429 and 503 of the group's credential-free POSTs in their
   * documented shape when asked (the server's are produced in IdentityFlowsTest and ProdStageTest).
   */
  static void mock_servesTheDocumented429And503(String pathPrefix) {
    ContractClient mock = Target.MOCK.client();
    Identities.validAuthPosts().forEach((path, body) -> {
      if (!path.startsWith(pathPrefix)) return;
      Bundle.Operation op = Bundle.get().match("POST", path).orElseThrow();
      if (op.statuses().contains(429)) assertRateLimited(mock.post(path, Target.MOCK.producing(429), body));
      if (op.statuses().contains(503)) assertProblem(mock.post(path, Target.MOCK.producing(503), body), 503);
    });
  }

  /**
   * Every operation of the group that takes a JSON body refuses another media type with 415 and a
   * body over the limit with 413, both documented, before any rule of the operation runs.
   */
  void everyBodyOperation_refusesNonJsonAndOversizedBodies(String pathPrefix) {
    List<Bundle.Operation> withBodies = Bundle.get().operations().stream()
        .filter(op -> op.path().startsWith(pathPrefix) && op.statuses().contains(415))
        .collect(Collectors.toList());
    assertThat(withBodies).isNotEmpty();
    String oversized = "{\"email\":\"" + "a".repeat(1024 * 1024 + 16) + "\"}";
    for (Bundle.Operation op : withBodies) {
      Map<String, String> credentials = Identities.bearer("not-a-token");
      ContractClient.Exchange text = client().callBreakingContract(op.method(), op.path(),
          merge(merge(credentials, Map.of("Content-Type", "text/plain")), producing(415)), "hello");
      assertProblem(text, 415);
      ContractClient.Exchange big = client().callBreakingContract(op.method(), op.path(),
          merge(merge(credentials, Map.of("Content-Type", "application/json")), producing(413)), oversized);
      assertProblem(big, 413);
    }
  }
}
