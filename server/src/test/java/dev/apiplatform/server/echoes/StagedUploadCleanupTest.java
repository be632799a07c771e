package dev.apiplatform.server.echoes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.server.storage.MediaStore;
import dev.apiplatform.server.storage.S3MediaStore;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.testing.ClarityPlatform;
import dev.apiplatform.server.testing.ClarityPlatform.Account;
import dev.apiplatform.server.testing.ClarityPlatform.Res;
import dev.apiplatform.server.testing.Rewired;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a presigned Echoes PUT staged and no save took is deleted once the URL's lifetime plus the
 * grace have passed (openapi/echoes.yaml, echoes_initUpload), by a job on the platform queue; a
 * save after that is 404, and saved audio is never touched. The URL lives {@value #TTL} s and the
 * grace is {@value #GRACE} s here, so the job is due within seconds.
 */
class StagedUploadCleanupTest {

  static final int TTL = 2;
  static final int GRACE = 1;
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final byte[] AUDIO = "OggS not really audio, but the bytes the URL was signed for".getBytes();

  @TempDir static Path dir;
  static ClarityPlatform platform;
  static Account alice;
  static volatile MediaStore media;

  @BeforeAll
  static void start() throws Exception {
    platform = ClarityPlatform.start(dir, Map.of("QUEUE_POLL_WAIT_SECONDS", "1",
        "ECHOES_UPLOAD_URL_TTL_SECONDS", Integer.toString(TTL), "ECHOES_UPLOAD_GRACE_SECONDS", Integer.toString(GRACE)),
        List.of(Rewired.observed(new EchoesGroup(), services -> media = new S3MediaStore(services.aws().s3(),
            services.aws().presigner(), services.storage().bucketName(StorageDefinitions.MEDIA_BUCKET),
            services.aws().partBuffers()))));
    alice = platform.signUp();
  }

  @AfterAll
  static void stop() {
    if (platform != null) platform.close();
  }

  /** init-upload and the PUT: the echo id and the staged key. */
  static String[] initAndPut() throws Exception {
    Res init = platform.call("POST", "/api/v1/echoes/init-upload", alice.token(),
        Map.of("file_extension", "ogg", "content_type", "audio/ogg", "file_size", AUDIO.length));
    assertThat(init.status()).as(init.body().toString()).isEqualTo(200);
    JsonNode p = init.body();
    assertThat(p.path("expires_in").asInt()).as("the configured lifetime").isEqualTo(TTL);
    HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(p.path("upload_url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(AUDIO)).header("Content-Type", "audio/ogg").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(200);
    String staged = EchoesService.STAGING_PREFIX + p.path("s3_key").asText();
    assertThat(media.head(staged)).as("the PUT staged the audio").isPresent();
    return new String[] {p.path("echo_id").asText(), staged};
  }

  static void awaitGone(String key) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (media.head(key).isPresent()) {
      if (System.nanoTime() > deadline) throw new AssertionError(key + " is still staged");
      Thread.sleep(100);
    }
  }

  @Test
  void anUploadNeverSaved_isDeleted_andASaveAfterThatIs404() throws Exception {
    String[] upload = initAndPut();
    awaitGone(upload[1]);
    Res late = platform.call("POST", "/api/v1/echoes?echo_id=" + upload[0], alice.token(), Map.of("emotion", "calm"));
    assertThat(late.status()).as(late.body().toString()).isEqualTo(404);
  }

  @Test
  void aSavedEcho_keepsItsAudio_afterItsUploadsCleanupRan() throws Exception {
    String[] upload = initAndPut();
    Res saved = platform.call("POST", "/api/v1/echoes?echo_id=" + upload[0], alice.token(), Map.of("emotion", "joy"));
    assertThat(saved.status()).as(saved.body().toString()).isEqualTo(201);
    String audioKey = saved.body().path("s3_key").asText();
    assertThat(audioKey).isNotEmpty();

    // an upload never saved, initiated later, has the later deadline: once it is gone, the saved
    // echo's cleanup (queued before it, due before it) has run too
    awaitGone(initAndPut()[1]);
    assertThat(media.head(audioKey)).as("the saved audio").isPresent();
    assertThat(platform.call("GET", "/api/v1/echoes/" + upload[0], alice.token(), null).status()).isEqualTo(200);
  }
}
