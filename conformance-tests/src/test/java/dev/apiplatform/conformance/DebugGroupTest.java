package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The debug routes (seed 003 section 1.9) in the dev stage on every target; secrets are masked.
 * Their absence in prod is proven in ProdStageTest and the server module (DevRoutesTest).
 */
class DebugGroupTest extends GroupSuite {

  static void masked(JsonNode settings) {
    for (JsonNode s : settings) {
      if (s.path("secret").asBoolean()) assertThat(s.path("value").asText()).isIn("***", "<unset>");
    }
  }

  @Test
  void config_listsSettings_secretsMasked() {
    JsonNode data = ok(client().get("/api/v1/debug/config"), 200).path("data");
    assertThat(data.path("stage").asText()).isEqualTo("dev");
    masked(data.path("settings"));
    if (onServer()) assertThat(data.path("settings").findValuesAsText("name")).contains("STAGE", "GEMINI_API_KEY");
  }

  @Test
  void authInfo_listsTokenSettings_keysMasked() {
    JsonNode data = ok(client().get("/api/v1/debug/auth-info"), 200).path("data");
    masked(data.path("settings"));
    if (onServer()) assertThat(data.path("settings").findValuesAsText("name")).contains("JWT_SIGNING_KEYS");
  }

  @Test
  void health_probesTheStores() {
    JsonNode data = ok(client().get("/api/v1/debug/health"), 200).path("data");
    if (onServer()) assertThat(data.path("status").asText()).isEqualTo("up");
  }
}
