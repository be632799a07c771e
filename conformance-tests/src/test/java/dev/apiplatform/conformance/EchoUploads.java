package dev.apiplatform.conformance;

import static dev.apiplatform.conformance.IdentityContract.ok;
import static dev.apiplatform.conformance.Identities.bearer;
import static dev.apiplatform.conformance.Identities.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Echoes uploads as a browser-like client does them: init-upload on the API, then a plain
 * HTTP/1.1 PUT of the bytes to the presigned URL with exactly the returned headers. Also a
 * direct S3 client on the embedded store, to look behind the API (object present or gone).
 */
final class EchoUploads {

  static final String BUCKET = new StorageDefinitions(Stage.DEV, "platform", List.of(), List.of()).bucketName(StorageDefinitions.MEDIA_BUCKET);
  /** What the mock's examples name. */
  static final String MOCK_ECHO_ID = "0b9e4a52-4c33-4a8e-a1f7-2f1c55d7e0a1";

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private EchoUploads() {}

  static ContractClient.Exchange init(ContractClient client, String token, String ext, String type, long size,
      Map<String, String> headers) {
    return client.post("/api/v1/echoes/init-upload", IdentityContract.merge(bearer(token), headers),
        body("file_extension", ext, "content_type", type, "file_size", size));
  }

  /** PUT {@code bytes} to a presigned URL with the given Content-Type; the status S3 answers. */
  static int put(String url, String contentType, byte[] bytes) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Content-Type", contentType)
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode();
    } catch (Exception e) {
      throw new AssertionError("PUT " + url + " failed: " + e, e);
    }
  }

  /** GET a presigned playback URL; the status and body. */
  static HttpResponse<byte[]> fetch(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new AssertionError("GET " + url + " failed: " + e, e);
    }
  }

  /** An uploaded (not yet saved) echo of the caller: its id; on the mock, the example's id. */
  static String uploaded(ContractClient client, String token, byte[] audio) {
    JsonNode upload = ok(init(client, token, "webm", "audio/webm", audio.length, Map.of()), 200);
    if (!client.target().equals(Targets.SERVER)) return MOCK_ECHO_ID;
    assertThat(put(upload.path("upload_url").asText(), "audio/webm", audio)).isEqualTo(200);
    return upload.path("echo_id").asText();
  }

  /** A saved echo of the caller: its id. */
  static String saved(ContractClient client, String token, String emotion, byte[] audio) {
    String id = uploaded(client, token, audio);
    ok(client.post("/api/v1/echoes?echo_id=" + id, bearer(token), body("emotion", emotion)), 201);
    return id;
  }

  static byte[] audio(int size) {
    byte[] bytes = new byte[size];
    new java.util.Random(size).nextBytes(bytes);
    return bytes;
  }

  /** A direct client on the suite's embedded S3 (server target only). */
  static S3Client s3() {
    EmbeddedAws aws = Targets.platform().stores().orElseThrow();
    return S3Client.builder().region(Region.of(aws.region())).endpointOverride(aws.s3Endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey())))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
  }

  static boolean exists(S3Client s3, String key) {
    try {
      s3.headObject(r -> r.bucket(BUCKET).key(key));
      return true;
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) return false;
      throw e;
    }
  }
}
