package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertRateLimited;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.local.LocalPlatform;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's API rate limit (issue 17 item 11) on a platform of its own with a small limit for
 * the items group: per user, per group, a 429 problem with Retry-After, and the RateLimit
 * headers on every limited response.
 */
class ApiRateLimitTest {

  @Test
  void perUserLimit_refusesTheCallBeyondIt_with429AndRateLimitHeaders_otherUsersAndGroupsUnaffected() {
    try (LocalPlatform limited = Targets.startPlatform(Targets.tempDir("platform-api-limit"),
        Map.of("RATE_LIMIT_REQUESTS", "100", "RATE_LIMIT_REQUESTS_ITEMS", "3"))) {
      ContractClient client = new ContractClient(Targets.SERVER, limited.baseUri());
      String alice = MarketUsers.token(client);
      String bob = MarketUsers.token(client);
      for (int i = 0; i < 3; i++) {
        ContractClient.Exchange allowed = client.get("/items", bearer(alice));
        ok(allowed, 200);
        assertThat(allowed.header("RateLimit-Policy")).hasValue("\"api\";q=3;w=60");
        String remaining = "\"api\";r=" + (2 - i) + ";t=";
        assertThat(allowed.header("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith(remaining));
      }
      ContractClient.Exchange refused = client.get("/items", bearer(alice));
      assertRateLimited(refused);
      assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
      assertThat(refused.header("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith("\"api\";r=0;t="));
      assertThat(client.get("/items/nope-" + System.nanoTime(), bearer(alice)).status()).as("the whole group").isEqualTo(429);

      ok(client.get("/items", bearer(bob)), 200);
      ok(client.get("/user/voices", bearer(alice)), 200);
      ok(client.get("/health"), 200);
    }
  }
}
