package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Motion's callers (seed 001): signed up by e-mail on the server, the mock's JWT elsewhere. */
final class MotionUsers {

  /** An e-mail user and their access token; on the mock the address is the example's. */
  record Caller(String email, String token) {}

  private MotionUsers() {}

  static Caller signUp(ContractClient client) {
    if (!client.target().equals(Targets.SERVER)) return new Caller("user@example.com", MarketUsers.MOCK_TOKEN);
    String email = Identities.email("motion");
    String password = "Str0ng!Passw0rd";
    JsonNode up = ok(client.post("/auth/signup", Map.of(), body("email", email, "password", password)), 201);
    ok(client.post("/auth/confirm-signup", Map.of(), body("email", email, "code", up.path("dev_code").asText())), 200);
    JsonNode in = ok(client.post("/auth/signin", Map.of(), body("email", email, "password", password)), 200);
    return new Caller(email, in.path("accessToken").asText());
  }

  /** A new event by the caller; on the mock the example's id. */
  static String event(ContractClient client, Caller caller) {
    String json = "{\"name\":\"City Market\",\"dateTime\":\"2025-10-01T15:00:00-04:00\","
        + "\"endDateTime\":\"2025-10-01T20:00:00-04:00\",\"coordinates\":{\"lat\":34.0736,\"lng\":-84.2814},"
        + "\"tags\":[\"community\",\"market\"]}";
    return ok(client.post("/events", bearer(caller.token()), json), 201).path("eventId").asText();
  }
}
