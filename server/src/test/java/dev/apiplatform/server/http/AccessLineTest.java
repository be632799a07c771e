package dev.apiplatform.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessLineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void line_isOneJsonObjectWithEveryField() throws Exception {
    long now = Instant.parse("2026-12-01T10:49:37.125Z").toEpochMilli();
    String line = AccessLine.format(now, "abc-1", "GET", "/items/x", 201, 1_234_567, "127.0.0.1", "curl/8");
    JsonNode json = JSON.readTree(line);
    assertThat(line).doesNotContain("\n");
    assertThat(json.path("ts").asText()).isEqualTo("2026-12-01T10:49:37.125Z");
    assertThat(json.path("request_id").asText()).isEqualTo("abc-1");
    assertThat(json.path("method").asText()).isEqualTo("GET");
    assertThat(json.path("path").asText()).isEqualTo("/items/x");
    assertThat(json.path("status").asInt()).isEqualTo(201);
    assertThat(json.path("duration_ms").asDouble()).isEqualTo(1.23);
    assertThat(json.path("remote").asText()).isEqualTo("127.0.0.1");
    assertThat(json.path("user_agent").asText()).isEqualTo("curl/8");
  }

  @Test
  void timestamp_isIsoUtcWithMillis_acrossSecondsAndEpochEdges() {
    for (String ts : new String[] {"1970-01-01T00:00:00.000Z", "2026-12-31T23:59:59.999Z", "2027-01-01T00:00:00.007Z",
        "1969-12-31T23:59:59.500Z"}) {
      StringBuilder out = new StringBuilder();
      AccessLine.timestamp(out, Instant.parse(ts).toEpochMilli());
      assertThat(out).hasToString(ts);
    }
  }

  @Test
  void duration_isRoundedToHundredthsOfAMillisecond_andMinusOneWhenUnknown() {
    assertThat(millis(0)).isEqualTo("0.00");
    assertThat(millis(5_000)).isEqualTo("0.01");
    assertThat(millis(4_999)).isEqualTo("0.00");
    assertThat(millis(70_000)).isEqualTo("0.07");
    assertThat(millis(12_345_678_901L)).isEqualTo("12345.68");
    assertThat(millis(-1)).isEqualTo("-1");
  }

  private static String millis(long nanos) {
    StringBuilder out = new StringBuilder();
    AccessLine.millis(out, nanos);
    return out.toString();
  }

  @Test
  void hostileValues_areEscaped_andTheAgentIsCut() throws Exception {
    String agent = "x\"y\\z\n\u0001" + "a".repeat(300);
    String line = AccessLine.format(0, "id", "G\"ET", "/p\"ath\\\t", 200, 0, "", agent);
    JsonNode json = JSON.readTree(line);
    assertThat(line).doesNotContain("\n");
    assertThat(json.path("method").asText()).isEqualTo("G\"ET");
    assertThat(json.path("path").asText()).isEqualTo("/p\"ath\\\t");
    assertThat(json.path("user_agent").asText()).hasSize(AccessLine.MAX_AGENT).startsWith("x\"y\\z\n\u0001a");
  }

  @Test
  void aBaseRelativePath_getsItsLeadingSlash_andIsEscaped() throws Exception {
    assertThat(JSON.readTree(AccessLine.format(0, "id", "GET", "items/x", 200, 0, "", null)).path("path").asText())
        .isEqualTo("/items/x");
    assertThat(JSON.readTree(AccessLine.format(0, "id", "GET", "", 200, 0, "", null)).path("path").asText())
        .isEqualTo("/");
    assertThat(JSON.readTree(AccessLine.format(0, "id", "GET", "p\"ath\n", 200, 0, "", null)).path("path").asText())
        .isEqualTo("/p\"ath\n");
  }

  @Test
  void noAgent_noAgentField() throws Exception {
    assertThat(JSON.readTree(AccessLine.format(0, "id", "GET", "/", 200, 0, "", null)).has("user_agent")).isFalse();
  }

  @Test
  void callerIds_areKeptOnlyWhenShortAndPlain() {
    assertThat(AccessLine.validId("client-abc.123:x_y")).isTrue();
    assertThat(AccessLine.validId("a".repeat(128))).isTrue();
    assertThat(AccessLine.validId("a".repeat(129))).isFalse();
    assertThat(AccessLine.validId("")).isFalse();
    assertThat(AccessLine.validId(null)).isFalse();
    assertThat(AccessLine.validId("bad id")).isFalse();
    assertThat(AccessLine.validId("caf\u00e9")).isFalse();
    assertThat(AccessLine.validId("a\nb")).isFalse();
  }

  @Test
  void newIds_areDistinctVersion4Uuids() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = AccessLine.newId();
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(id).hasSize(36);
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }
}
