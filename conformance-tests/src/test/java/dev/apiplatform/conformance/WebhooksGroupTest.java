package dev.apiplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MetaMatic's inbound webhooks (issue 10), run against every target. The conformance platform
 * has no verify token, subscription or Twilio token: every handshake and every SMS is refused
 * (403), and an event for an athlete nobody connected is acknowledged and dropped. Signed SMS,
 * deauthorization and the agent are the server module's {@code StravaFlowTest}.
 */
class WebhooksGroupTest extends IdentityContract {

  static final String EVENT = "{\"object_type\":\"activity\",\"object_id\":1360128428,\"aspect_type\":\"create\","
      + "\"updates\":{},\"owner_id\":134815,\"subscription_id\":120475,\"event_time\":1516126040}";

  @Test
  void handshake_withAVerifyTokenThatDoesNotMatch_is403() {
    JsonNode problem = assertProblem(client().get(
        "/webhooks/strava?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=abc", producing(403)), 403);
    assertThat(problem.path("type").asText()).isEqualTo("/problems/forbidden");
  }

  @Test
  void handshake_withoutTheChallenge_is400() {
    assertProblem(client().callBreakingContract("GET", "/webhooks/strava?hub.mode=subscribe&hub.verify_token=x",
        producing(400), null), 400);
  }

  @Test
  void event_forAnAthleteNobodyConnected_isAcknowledged() {
    ContractClient.Exchange r = client().post("/webhooks/strava", Map.of(), EVENT);
    assertThat(r.status()).isEqualTo(200);
    assertThat(SystemGroupTest.json(r).path("outcome").asText())
        .isIn("queued", "duplicate", "ignored", "unlinked", "unknown_athlete");
    if (onServer()) assertThat(SystemGroupTest.json(r).path("outcome").asText()).isEqualTo("unknown_athlete");
  }

  @Test
  void aRetriedEvent_isAcknowledgedAgain_withAnOutcomeOfTheContract() {
    ContractClient.Exchange first = client().post("/webhooks/strava", Map.of(), EVENT);
    ContractClient.Exchange retry = client().post("/webhooks/strava", Map.of(), EVENT);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(SystemGroupTest.json(retry).path("outcome").asText())
        .isIn("queued", "duplicate", "ignored", "unlinked", "unknown_athlete");
    // nobody connected the athlete: nothing was enqueued, so the retry is not a duplicate either
    if (onServer()) {
      assertThat(SystemGroupTest.json(first).path("outcome").asText()).isEqualTo("unknown_athlete");
      assertThat(SystemGroupTest.json(retry).path("outcome").asText()).isEqualTo("unknown_athlete");
    }
  }

  @Test
  void event_missingRequiredFields_is400() {
    assertProblem(client().callBreakingContract("POST", "/webhooks/strava",
        ContractClient.withJson(producing(400)), "{\"object_type\":\"activity\"}"), 400);
  }

  @Test
  void sms_withoutAValidTwilioSignature_is403() {
    Map<String, String> headers = merge(Map.of("Content-Type", "application/x-www-form-urlencoded",
        "X-Twilio-Signature", "bm90LXZhbGlk"), producing(403));
    // the request validator (client side and mock) reads a form value of digits as a number, so
    // "+1415..." would be refused as "not a string"; a WhatsApp sender is a string to every reader
    JsonNode problem = assertProblem(client().call("POST", "/webhooks/sms", headers,
        "From=whatsapp%3A%2B14155550100&Body=HELP"), 403);
    assertThat(problem.path("type").asText()).isEqualTo("/problems/forbidden");
  }
}
