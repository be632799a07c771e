package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.assertUnauthorized;
import static dev.apiplatform.conformance.IdentityContract.merge;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The echoes group (seed 002), run unchanged against every target. On the server each scenario
 * produces its status (uploads go through the presigned URL to the embedded S3); the mock is
 * told with {@code Prefer: code=NNN}.
 */
class EchoesGroupTest extends OwnedGroupSuite {

  static final byte[] AUDIO = EchoUploads.audio(4096);

  // --- init-upload ------------------------------------------------------------------------

  @Test
  void initUpload_is200_withAPresignedPutAndItsHeaders() {
    JsonNode upload = ok(EchoUploads.init(client(), owner, "webm", "audio/webm", 48213, Map.of()), 200);
    assertThat(upload.path("upload_url").asText()).isNotBlank();
    assertThat(upload.path("expires_in").asInt()).isEqualTo(3600);
    assertThat(upload.path("required_headers").path("Content-Type").asText()).isEqualTo("audio/webm");
    assertThat(upload.path("required_headers").path("Content-Length").asText()).isEqualTo("48213");
    if (onServer()) {
      String echoId = upload.path("echo_id").asText();
      assertThat(upload.path("s3_key").asText())
          .isEqualTo(MarketUsers.userId(owner) + "/" + echoId + ".webm");
      // the PUT writes to the staging copy of that key, never to the saved echo's object
      assertThat(upload.path("upload_url").asText()).contains("X-Amz-Signature=")
          .contains("/uploads/" + MarketUsers.userId(owner) + "/" + echoId + ".webm");
    }
  }

  @Test
  void initUpload_typeNotFittingTheExtension_orOversizedDeclaredSize_is400() {
    assertProblem(EchoUploads.init(client(), owner, "webm", "audio/mpeg", 1000, producing(400)), 400);
    assertProblem(EchoUploads.init(client(), owner, "wav", "audio/webm", 1000, producing(400)), 400);
    assertProblem(EchoUploads.init(client(), owner, "mp3", "audio/mpeg", 10L * 1024 * 1024 + 1, producing(400)), 400);
  }

  @Test
  void initUpload_nonAudioType_orExtension_orZeroSize_is400() {
    for (String b : new String[] {
        body("file_extension", "webm", "content_type", "text/plain", "file_size", 10),
        body("file_extension", "exe", "content_type", "audio/webm", "file_size", 10),
        body("file_extension", "webm", "content_type", "audio/webm", "file_size", 0),
        body("file_extension", "webm", "content_type", "audio/webm")}) {
      assertProblem(client().callBreakingContract("POST", "/api/v1/echoes/init-upload",
          merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)), b), 400);
    }
  }

  @Test
  void initUpload_withoutAValidToken_is401() {
    assertUnauthorized(EchoUploads.init(client(), "not.a.token", "webm", "audio/webm", 10, producing(401)), true);
  }

  // --- save -------------------------------------------------------------------------------

  @Test
  void save_afterTheUpload_is201_withAPlaybackUrl() {
    String id = EchoUploads.uploaded(client(), owner, AUDIO);
    JsonNode echo = ok(client().post("/api/v1/echoes?echo_id=" + id, bearer(owner),
        body("emotion", "calm", "timestamp", "2025-06-25T15:00:00Z", "location", Map.of("lat", 37.5407, "lng", -77.436),
            "tags", java.util.List.of("rain", "porch"), "transcript", "Rain on the roof", "detected_mood", "peaceful")), 201);
    assertEcho(echo);
    if (onServer()) {
      assertThat(echo.path("echo_id").asText()).isEqualTo(id);
      assertThat(echo.path("emotion").asText()).isEqualTo("calm");
      assertThat(echo.path("file_size").asLong()).isEqualTo(AUDIO.length);
      assertThat(echo.path("content_type").asText()).isEqualTo("audio/webm");
      assertThat(echo.path("timestamp").asText()).isEqualTo("2025-06-25T15:00:00Z");
      assertThat(echo.path("location").path("lat").asDouble()).isEqualTo(37.5407);
      assertThat(echo.path("tags").toString()).isEqualTo("[\"rain\",\"porch\"]");
      assertThat(echo.path("detected_mood").asText()).isEqualTo("peaceful");
      var played = EchoUploads.fetch(echo.path("audio_url").asText());
      assertThat(played.statusCode()).isEqualTo(200);
      assertThat(played.body()).isEqualTo(AUDIO);
    }
  }

  @Test
  void save_nothingUploaded_is404_andNothingIsSaved() {
    String id = onServer()
        ? ok(EchoUploads.init(client(), owner, "ogg", "audio/ogg", 100, Map.of()), 200).path("echo_id").asText()
        : EchoUploads.MOCK_ECHO_ID;
    assertProblem(client().post("/api/v1/echoes?echo_id=" + id, merge(bearer(owner), producing(404)),
        body("emotion", "joy")), 404);
    if (onServer()) assertProblem(client().get("/api/v1/echoes/" + id, bearer(owner)), 404);
  }

  @Test
  void save_twice_is409() {
    String id = EchoUploads.saved(client(), owner, "joy", AUDIO);
    assertProblem(client().post("/api/v1/echoes?echo_id=" + id, merge(bearer(owner), producing(409)),
        body("emotion", "sadness")), 409);
  }

  @Test
  void save_objectNotAnAllowedAudioType_orTooLarge_is422_andNothingIsSaved() {
    if (!onServer()) {
      assertProblem(client().post("/api/v1/echoes?echo_id=" + EchoUploads.MOCK_ECHO_ID,
          merge(bearer(owner), producing(422)), body("emotion", "joy")), 422);
      return;
    }
    // objects the presigned URL could never have produced, put behind the API's back where uploads
    // land (the staging prefix; save copies from there)
    String userId = "uploads/" + MarketUsers.userId(owner);
    try (S3Client s3 = EchoUploads.s3()) {
      String wrongType = UUID.randomUUID().toString();
      s3.putObject(r -> r.bucket(EchoUploads.BUCKET).key(userId + "/" + wrongType + ".webm").contentType("text/plain"),
          RequestBody.fromBytes(AUDIO));
      String tooLarge = UUID.randomUUID().toString();
      s3.putObject(r -> r.bucket(EchoUploads.BUCKET).key(userId + "/" + tooLarge + ".wav").contentType("audio/wav"),
          RequestBody.fromBytes(new byte[10 * 1024 * 1024 + 1]));
      for (String id : new String[] {wrongType, tooLarge}) {
        assertProblem(client().post("/api/v1/echoes?echo_id=" + id, bearer(owner), body("emotion", "joy")), 422);
        assertProblem(client().get("/api/v1/echoes/" + id, bearer(owner)), 404);
      }
    }
  }

  @Test
  void save_unknownEmotion_orMissingEchoId_is400() {
    assertProblem(client().callBreakingContract("POST", "/api/v1/echoes?echo_id=" + EchoUploads.MOCK_ECHO_ID,
        merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)), body("emotion", "bored")), 400);
    assertProblem(client().callBreakingContract("POST", "/api/v1/echoes",
        merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)), body("emotion", "joy")), 400);
  }

  /**
   * Schemathesis ST201: an empty timestamp was read as absent (the echo saved with "now"), and a
   * number as seconds since 1970; the contract's date-time is a string.
   */
  @Test
  void save_emptyOrNumericTimestamp_is400_andNothingIsSaved() {
    String id = onServer() ? EchoUploads.uploaded(client(), owner, AUDIO) : EchoUploads.MOCK_ECHO_ID;
    for (Object timestamp : new Object[] {"", 0, 1.5}) {
      assertProblem(client().callBreakingContract("POST", "/api/v1/echoes?echo_id=" + id,
          merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(400)), body("emotion", "joy", "timestamp", timestamp)),
          400);
    }
    if (onServer()) assertProblem(client().get("/api/v1/echoes/" + id, bearer(owner)), 404);
  }

  /** Schemathesis ST101: a latitude of 3e-276 is schema-valid but beyond DynamoDB's numbers (was 503). */
  @Test
  void save_coordinatesAreKeptToSevenDecimals_soATinyLatitudeIsStored() {
    if (!onServer()) return;
    String id = EchoUploads.uploaded(client(), owner, AUDIO);
    JsonNode saved = ok(client().post("/api/v1/echoes?echo_id=" + id, bearer(owner),
        body("emotion", "calm", "location", Map.of("lat", 3.057352156868604e-276, "lng", 75.904552702350461))), 201);
    JsonNode read = ok(client().get("/api/v1/echoes/" + id, bearer(owner)), 200);
    for (JsonNode echo : new JsonNode[] {saved, read}) {
      assertThat(echo.path("location").path("lat").asDouble()).isEqualTo(0.0);
      assertThat(echo.path("location").path("lng").asDouble()).isEqualTo(75.9045527);
    }
  }

  @Test
  void save_withoutAValidToken_is401() {
    assertUnauthorized(client().post("/api/v1/echoes?echo_id=" + EchoUploads.MOCK_ECHO_ID,
        merge(bearer("not.a.token"), producing(401)), body("emotion", "joy")), true);
  }

  // --- list, random, get ------------------------------------------------------------------

  @Test
  void list_isAPageOfTheCallersEchoes_withTotal() {
    EchoUploads.saved(client(), owner, "nostalgia", AUDIO);
    JsonNode page = ok(client().get("/api/v1/echoes?emotion=nostalgia&page=1&page_size=10", bearer(owner)), 200);
    assertThat(page.path("echoes")).isNotEmpty();
    page.path("echoes").forEach(EchoesGroupTest::assertEcho);
    assertThat(page.path("total").asInt()).isPositive();
    assertThat(page.path("has_more").isBoolean()).isTrue();
    if (onServer()) {
      assertThat(page.path("total").asInt()).isEqualTo(1);
      assertThat(page.path("page_size").asInt()).isEqualTo(10);
      assertThat(page.has("next_page")).isFalse();
    }
  }

  @Test
  void list_unknownEmotion_orPageZero_is400() {
    assertProblem(client().callBreakingContract("GET", "/api/v1/echoes?emotion=bored",
        merge(bearer(owner), producing(400)), null), 400);
    assertProblem(client().callBreakingContract("GET", "/api/v1/echoes?page=0",
        merge(bearer(owner), producing(400)), null), 400);
    assertProblem(client().callBreakingContract("GET", "/api/v1/echoes?page_size=101",
        merge(bearer(owner), producing(400)), null), 400);
  }

  @Test
  void list_withoutAValidToken_is401() {
    assertUnauthorized(client().get("/api/v1/echoes", merge(bearer("not.a.token"), producing(401))), true);
  }

  @Test
  void random_picksOneOfTheCallersEchoesOfThatEmotion() {
    String id = EchoUploads.saved(client(), owner, "surprise", AUDIO);
    JsonNode echo = ok(client().get("/api/v1/echoes/random?emotion=surprise", bearer(owner)), 200);
    assertEcho(echo);
    if (onServer()) assertThat(echo.path("echo_id").asText()).isEqualTo(id);
  }

  @Test
  void random_noEchoOfThatEmotion_is404_andUnknownEmotion_is400() {
    assertProblem(client().get("/api/v1/echoes/random?emotion=fear", merge(bearer(other), producing(404))), 404);
    assertProblem(client().callBreakingContract("GET", "/api/v1/echoes/random?emotion=bored",
        merge(bearer(owner), producing(400)), null), 400);
    assertProblem(client().callBreakingContract("GET", "/api/v1/echoes/random",
        merge(bearer(owner), producing(400)), null), 400);
  }

  @Test
  void random_withoutAValidToken_is401() {
    assertUnauthorized(client().get("/api/v1/echoes/random?emotion=joy", merge(bearer("not.a.token"), producing(401))), true);
  }

  @Test
  void get_theCallersEcho_is200_anotherUsers_is404() {
    String id = EchoUploads.saved(client(), owner, "anger", AUDIO);
    assertEcho(ok(client().get("/api/v1/echoes/" + id, bearer(owner)), 200));
    assertProblem(client().get("/api/v1/echoes/" + id, merge(bearer(other), producing(404))), 404);
  }

  @Test
  void get_malformedId_is400() {
    assertProblem(client().callBreakingContract("GET", "/api/v1/echoes/not-a-uuid",
        merge(bearer(owner), producing(400)), null), 400);
  }

  @Test
  void get_withoutAValidToken_is401() {
    assertUnauthorized(client().get("/api/v1/echoes/" + EchoUploads.MOCK_ECHO_ID,
        merge(bearer("not.a.token"), producing(401))), true);
  }

  // --- delete -----------------------------------------------------------------------------

  @Test
  void delete_is204_andTheEchoIsGone() {
    String id = EchoUploads.saved(client(), owner, "calm", AUDIO);
    assertThat(client().call("DELETE", "/api/v1/echoes/" + id, bearer(owner), null).status()).isEqualTo(204);
    if (onServer()) assertProblem(client().get("/api/v1/echoes/" + id, bearer(owner)), 404);
  }

  @Test
  void delete_anotherUsersEcho_orUnknown_is404_malformed_is400() {
    String id = EchoUploads.saved(client(), owner, "calm", AUDIO);
    assertProblem(client().call("DELETE", "/api/v1/echoes/" + id, merge(bearer(other), producing(404)), null), 404);
    assertProblem(client().call("DELETE", "/api/v1/echoes/" + UUID.randomUUID(), merge(bearer(owner), producing(404)),
        null), 404);
    assertProblem(client().callBreakingContract("DELETE", "/api/v1/echoes/nope", merge(bearer(owner), producing(400)),
        null), 400);
    if (onServer()) assertEcho(ok(client().get("/api/v1/echoes/" + id, bearer(owner)), 200));
  }

  @Test
  void delete_withoutAValidToken_is401() {
    assertUnauthorized(client().call("DELETE", "/api/v1/echoes/" + EchoUploads.MOCK_ECHO_ID,
        merge(bearer("not.a.token"), producing(401)), null), true);
  }

  // --- HTTP layer -------------------------------------------------------------------------

  @Test
  void bodyOperations_refuseNonJsonWith415_andOversizedBodiesWith413() {
    String oversized = "{\"transcript\":\"" + "a".repeat(1024 * 1024 + 16) + "\"}";
    for (String path : List.of("/api/v1/echoes/init-upload", "/api/v1/echoes?echo_id=" + EchoUploads.MOCK_ECHO_ID)) {
      assertProblem(client().callBreakingContract("POST", path,
          merge(merge(bearer(owner), Map.of("Content-Type", "text/plain")), producing(415)), "hello"), 415);
      assertProblem(client().callBreakingContract("POST", path,
          merge(merge(bearer(owner), ItemsGroupTest.jsonType()), producing(413)), oversized), 413);
    }
  }

  static void assertEcho(JsonNode echo) {
    assertThat(echo.path("echo_id").asText()).matches("^[0-9a-f-]{36}$");
    assertThat(echo.path("user_id").asText()).isNotBlank();
    assertThat(echo.path("emotion").asText()).isIn("joy", "calm", "sadness", "anger", "fear", "surprise", "nostalgia");
    assertThat(echo.path("audio_url").asText()).isNotBlank();
    assertThat(echo.path("audio_url_expires_in").asInt()).isPositive();
    assertThat(echo.path("s3_key").asText()).endsWith(".webm");
  }
}
