package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;

/** Marketplace callers: on the server a fresh phone user signed in through seed 004's flow. */
final class MarketUsers {

  private MarketUsers() {}

  /** A new user's access token on the server; on the mock any bearer token does. */
  static String token(ContractClient client) {
    if (!client.target().equals(Targets.SERVER)) return "mock-token";
    String phone = Identities.phone();
    JsonNode started = ok(client.post("/auth/start", Map.of(), body("phone", phone)), 200);
    return ok(client.post("/auth/verify", Map.of(), body("phone", phone, "otp", started.path("dev_otp").asText(),
        "session", started.path("session").asText())), 200).path("access_token").asText();
  }

  /** The user id in an access token. */
  static String userId(String token) {
    return token.equals("mock-token") ? "mock-user" : Identities.claims(token).path("sub").asText();
  }

  /** An item id no other test uses. */
  static String itemId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
  }
}
