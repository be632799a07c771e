package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;

/** Marketplace callers: on the server a fresh phone user signed in through seed 004's flow. */
final class MarketUsers {

  private MarketUsers() {}

  /** The access token of the mock's sign-in examples: the mock takes any well-formed JWT. */
  static final String MOCK_TOKEN = "eyJraWQiOiJrMSIsImFsZyI6IkVTMjU2In0.e30.sig";

  /** A new user's access token on the server; on the mock a well-formed JWT. */
  static String token(ContractClient client) {
    if (!client.target().equals(Targets.SERVER)) return MOCK_TOKEN;
    String phone = Identities.phone();
    JsonNode started = ok(client.post("/auth/start", Map.of(), body("phone", phone)), 200);
    return ok(client.post("/auth/verify", Map.of(), body("phone", phone, "otp", started.path("dev_otp").asText(),
        "session", started.path("session").asText())), 200).path("access_token").asText();
  }

  /** The user id in an access token. */
  static String userId(String token) {
    return token.equals(MOCK_TOKEN) ? "mock-user" : Identities.claims(token).path("sub").asText();
  }

  /** An item id no other test uses. */
  static String itemId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
  }
}
