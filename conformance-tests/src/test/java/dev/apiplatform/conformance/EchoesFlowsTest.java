package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.assertProblem;
import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Seed 002's Echoes flow end to end through the running server and the embedded S3, as a
 * browser-like client does it (init -> PUT -> save -> list -> random -> play -> delete), and what
 * the signed upload refuses. Every API exchange is validated against the contract.
 */
class EchoesFlowsTest {

  private final ContractClient server = Targets.client(Targets.SERVER);

  @Test
  void initPutSaveListRandomPlayDelete_andTheObjectIsGone() {
    String token = MarketUsers.token(server);
    byte[] audio = EchoUploads.audio(20_000);
    JsonNode upload = ok(EchoUploads.init(server, token, "mp3", "audio/mpeg", audio.length, Map.of()), 200);
    String id = upload.path("echo_id").asText();
    String key = upload.path("s3_key").asText();
    assertThat(EchoUploads.put(upload.path("upload_url").asText(),
        upload.path("required_headers").path("Content-Type").asText(), audio)).isEqualTo(200);

    JsonNode saved = ok(server.post("/api/v1/echoes?echo_id=" + id, bearer(token), body("emotion", "joy")), 201);
    assertThat(saved.path("s3_key").asText()).isEqualTo(key);
    assertThat(saved.path("s3_url").asText()).isEqualTo("s3://" + EchoUploads.BUCKET + "/" + key);

    JsonNode page = ok(server.get("/api/v1/echoes", bearer(token)), 200);
    assertThat(page.path("total").asInt()).isEqualTo(1);
    assertThat(page.path("echoes").get(0).path("echo_id").asText()).isEqualTo(id);
    JsonNode random = ok(server.get("/api/v1/echoes/random?emotion=joy", bearer(token)), 200);
    assertThat(random.path("echo_id").asText()).isEqualTo(id);
    assertThat(EchoUploads.fetch(random.path("audio_url").asText()).body()).isEqualTo(audio);

    try (S3Client s3 = EchoUploads.s3()) {
      assertThat(EchoUploads.exists(s3, key)).isTrue();
      assertThat(server.call("DELETE", "/api/v1/echoes/" + id, bearer(token), null).status()).isEqualTo(204);
      assertThat(EchoUploads.exists(s3, key)).isFalse();
    }
    assertThat(EchoUploads.fetch(saved.path("audio_url").asText()).statusCode()).isEqualTo(404);
    assertProblem(server.get("/api/v1/echoes/" + id, bearer(token)), 404);
    assertProblem(server.call("DELETE", "/api/v1/echoes/" + id, bearer(token), null), 404);
    assertThat(ok(server.get("/api/v1/echoes", bearer(token)), 200).path("total").asInt()).isZero();
  }

  /**
   * Issue 17 item 9: the presigned PUT stays valid for an hour, but after save it must not reach
   * the saved audio. A second file of the same size and type PUT through the same URL is accepted
   * by the store (the signature still holds) and lands on the staging key; playback and the
   * echo's key still give the saved bytes, and deleting the echo removes the restaged copy too.
   */
  @Test
  void afterSave_theUploadUrlCannotReplaceTheSavedAudio() {
    String token = MarketUsers.token(server);
    byte[] audio = EchoUploads.audio(4000);
    byte[] forged = EchoUploads.audio(4000);
    forged[0] ^= 0x5A;
    JsonNode upload = ok(EchoUploads.init(server, token, "ogg", "audio/ogg", audio.length, Map.of()), 200);
    String id = upload.path("echo_id").asText();
    String url = upload.path("upload_url").asText();
    assertThat(EchoUploads.put(url, "audio/ogg", audio)).isEqualTo(200);
    ok(server.post("/api/v1/echoes?echo_id=" + id, bearer(token), body("emotion", "calm")), 201);

    assertThat(EchoUploads.put(url, "audio/ogg", forged)).as("the URL itself is still signed").isEqualTo(200);
    JsonNode echo = ok(server.get("/api/v1/echoes/" + id, bearer(token)), 200);
    assertThat(EchoUploads.fetch(echo.path("audio_url").asText()).body()).isEqualTo(audio);
    try (S3Client s3 = EchoUploads.s3()) {
      assertThat(s3.getObjectAsBytes(r -> r.bucket(EchoUploads.BUCKET).key(echo.path("s3_key").asText())).asByteArray())
          .isEqualTo(audio);
      assertProblem(server.post("/api/v1/echoes?echo_id=" + id, bearer(token), body("emotion", "joy")), 409);
      assertThat(server.call("DELETE", "/api/v1/echoes/" + id, bearer(token), null).status()).isEqualTo(204);
      assertThat(s3.listObjectsV2(r -> r.bucket(EchoUploads.BUCKET).prefix("uploads/" + MarketUsers.userId(token) + "/" + id))
          .contents()).as("the restaged copy went with the echo").isEmpty();
    }
  }

  @Test
  void theSignedUpload_refusesABodyLargerThanDeclared_andAnotherContentType() {
    String token = MarketUsers.token(server);
    JsonNode upload = ok(EchoUploads.init(server, token, "webm", "audio/webm", 1000, Map.of()), 200);
    String url = upload.path("upload_url").asText();
    try (S3Client s3 = EchoUploads.s3()) {
      // Content-Length is signed: the size lie never reaches the bucket
      assertThat(EchoUploads.put(url, "audio/webm", EchoUploads.audio(1001))).isEqualTo(403);
      assertThat(EchoUploads.put(url, "audio/webm", EchoUploads.audio(999))).isEqualTo(403);
      // so is Content-Type
      assertThat(EchoUploads.put(url, "text/plain", EchoUploads.audio(1000))).isEqualTo(403);
      assertThat(EchoUploads.exists(s3, upload.path("s3_key").asText())).isFalse();
    }
    assertProblem(server.post("/api/v1/echoes?echo_id=" + upload.path("echo_id").asText(), bearer(token),
        body("emotion", "fear")), 404);
    assertThat(ok(server.get("/api/v1/echoes", bearer(token)), 200).path("total").asInt()).isZero();
  }

  @Test
  void anotherUsersEcho_isInvisible_toGetDeleteRandomSaveAndList_andNothingChanges() {
    String owner = MarketUsers.token(server);
    String other = MarketUsers.token(server);
    byte[] audio = EchoUploads.audio(3000);
    String id = EchoUploads.saved(server, owner, "sadness", audio);
    JsonNode before = ok(server.get("/api/v1/echoes/" + id, bearer(owner)), 200);

    assertProblem(server.get("/api/v1/echoes/" + id, bearer(other)), 404);
    assertProblem(server.call("DELETE", "/api/v1/echoes/" + id, bearer(other), null), 404);
    assertProblem(server.get("/api/v1/echoes/random?emotion=sadness", bearer(other)), 404);
    // the owner's uploaded-but-unsaved object cannot be claimed by someone else either
    String pending = EchoUploads.uploaded(server, owner, audio);
    assertProblem(server.post("/api/v1/echoes?echo_id=" + pending, bearer(other), body("emotion", "joy")), 404);
    assertThat(ok(server.get("/api/v1/echoes", bearer(other)), 200).path("total").asInt()).isZero();

    JsonNode after = ok(server.get("/api/v1/echoes/" + id, bearer(owner)), 200);
    assertThat(after.path("created_at")).isEqualTo(before.path("created_at"));
    assertThat(EchoUploads.fetch(after.path("audio_url").asText()).body()).isEqualTo(audio);
    assertThat(ok(server.get("/api/v1/echoes", bearer(owner)), 200).path("total").asInt()).isEqualTo(1);
    ok(server.post("/api/v1/echoes?echo_id=" + pending, bearer(owner), body("emotion", "joy")), 201);
  }

  @Test
  void aRetriedDelete_whoseObjectIsAlreadyGone_finishesTheJob() {
    String token = MarketUsers.token(server);
    String id = EchoUploads.saved(server, token, "calm", EchoUploads.audio(500));
    String key = ok(server.get("/api/v1/echoes/" + id, bearer(token)), 200).path("s3_key").asText();
    try (S3Client s3 = EchoUploads.s3()) {
      // as if a first delete removed the object and then failed before the record
      s3.deleteObject(r -> r.bucket(EchoUploads.BUCKET).key(key));
      assertThat(server.call("DELETE", "/api/v1/echoes/" + id, bearer(token), null).status()).isEqualTo(204);
      assertThat(EchoUploads.exists(s3, key)).isFalse();
    }
    assertProblem(server.get("/api/v1/echoes/" + id, bearer(token)), 404);
  }

  @Test
  void listing_isNewestFirst_pagedWithTotalAndNextPage_andFiltersByEmotion() {
    String token = MarketUsers.token(server);
    String other = MarketUsers.token(server);
    EchoUploads.saved(server, other, "joy", EchoUploads.audio(100));
    List<String> saved = new ArrayList<>();
    for (String emotion : List.of("joy", "calm", "joy", "joy")) {
      saved.add(EchoUploads.saved(server, token, emotion, EchoUploads.audio(100)));
    }
    JsonNode first = ok(server.get("/api/v1/echoes?page=1&page_size=3", bearer(token)), 200);
    assertThat(first.path("total").asInt()).isEqualTo(4);
    assertThat(first.path("has_more").asBoolean()).isTrue();
    assertThat(first.path("next_page").asInt()).isEqualTo(2);
    List<String> ids = new ArrayList<>();
    first.path("echoes").forEach(e -> ids.add(e.path("echo_id").asText()));
    JsonNode second = ok(server.get("/api/v1/echoes?page=2&page_size=3", bearer(token)), 200);
    assertThat(second.path("has_more").asBoolean()).isFalse();
    assertThat(second.has("next_page")).isFalse();
    second.path("echoes").forEach(e -> ids.add(e.path("echo_id").asText()));
    List<String> newestFirst = new ArrayList<>(saved);
    java.util.Collections.reverse(newestFirst);
    assertThat(ids).isEqualTo(newestFirst);
    assertThat(ok(server.get("/api/v1/echoes?page=9", bearer(token)), 200).path("echoes")).isEmpty();

    JsonNode joys = ok(server.get("/api/v1/echoes?emotion=joy&page_size=10", bearer(token)), 200);
    assertThat(joys.path("total").asInt()).isEqualTo(3);
    joys.path("echoes").forEach(e -> assertThat(e.path("emotion").asText()).isEqualTo("joy"));

    // random reaches every joy echo of the caller and none of anyone else's
    Set<String> picked = new HashSet<>();
    for (int i = 0; i < 60 && picked.size() < 3; i++) {
      picked.add(ok(server.get("/api/v1/echoes/random?emotion=joy", bearer(token)), 200).path("echo_id").asText());
    }
    assertThat(picked).containsExactlyInAnyOrder(saved.get(0), saved.get(2), saved.get(3));
  }
}
