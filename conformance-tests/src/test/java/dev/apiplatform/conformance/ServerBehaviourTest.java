package dev.apiplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.client.ApiClient;
import dev.apiplatform.client.ApiException;
import dev.apiplatform.client.PlatformClient;
import dev.apiplatform.client.api.SystemApi;
import dev.apiplatform.client.model.Health;
import dev.apiplatform.client.model.ServiceInfo;
import dev.apiplatform.local.LocalPlatform;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** What only the real server does: SDK round trips, restarts, HTTP-layer failures. */
class ServerBehaviourTest {

  @Test
  void sdk_readsInfoHealthAndLiveness() throws Exception {
    ApiClient client = PlatformClient.create(Targets.platform().baseUri());
    SystemApi api = new SystemApi(client);
    ServiceInfo info = api.systemGetInfo();
    assertThat(info.getLinks().getDocs()).isEqualTo("/docs");
    Health health = api.systemGetHealth();
    assertThat(health.getStatus()).isEqualTo(Health.StatusEnum.UP);
    assertThat(health.getDependencies()).extracting(d -> d.getName().getValue())
        .containsExactlyInAnyOrder("dynamodb", "s3", "sqs");
    assertThat(health.getQueues()).extracting(q -> q.getName()).contains("notifications");
    assertThat(api.systemGetLiveness().getStatus().getValue()).isEqualTo("ok");
  }

  @Test
  void sdk_surfaces503AsAnErrorWithTheHealthBody() {
    try (LocalPlatform broken = Targets.startPlatform(Targets.tempDir("platform-sdk-503"))) {
      broken.stores().orElseThrow().stopS3();
      SystemApi api = new SystemApi(PlatformClient.create(broken.baseUri()));
      try {
        api.systemGetHealth();
        throw new AssertionError("expected a 503");
      } catch (ApiException e) {
        assertThat(e.getCode()).isEqualTo(503);
        assertThat(e.getResponseBody()).contains("\"s3\"").contains("\"down\"");
      }
    }
  }

  @Test
  void restart_onTheSameDataDir_keepsStoredData() {
    Path dir = Targets.tempDir("platform-restart");
    String bucket;
    try (LocalPlatform first = Targets.startPlatform(dir)) {
      bucket = "dev-platform-media";
      try (S3Client s3 = s3(first)) {
        s3.putObject(r -> r.bucket(bucket).key("kept.txt"), RequestBody.fromString("still here"));
      }
    }
    try (LocalPlatform second = Targets.startPlatform(dir); S3Client s3 = s3(second)) {
      assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("kept.txt")).asUtf8String()).isEqualTo("still here");
      JsonNode health = SystemGroupTest.json(new ContractClient(Targets.SERVER, second.baseUri()).get("/health"));
      assertThat(health.path("status").asText()).isEqualTo("up");
    }
  }

  private static S3Client s3(LocalPlatform platform) {
    var stores = platform.stores().orElseThrow();
    return S3Client.builder()
        .endpointOverride(stores.s3Endpoint())
        .region(Region.of(stores.region()))
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(stores.accessKeyId(), stores.secretAccessKey())))
        .build();
  }

  @Test
  void unknownPath_andWrongMethod_areProblems() {
    ContractClient raw = Targets.client(Targets.SERVER);
    ContractClient.Exchange notFound = raw.outsideContract("GET", "/nope", Map.of(), null);
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    ContractClient.Exchange wrongMethod = raw.outsideContract("POST", "/health", Map.of("Content-Type", "application/json"), "{}");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.header("Allow")).hasValueSatisfying(a -> assertThat(a).contains("GET"));
  }

  @Test
  void docs_renderFromTheBundledWebjar() {
    ContractClient raw = Targets.client(Targets.SERVER);
    ContractClient.Exchange page = raw.outsideContract("GET", "/docs", Map.of(), null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui-bundle.js");
    assertThat(raw.outsideContract("GET", "/docs/swagger-ui-bundle.js", Map.of(), null).status()).isEqualTo(200);
  }

  @Test
  void bodyOnAMethodThePathDoesNotServe_is405Problem_notAnEmpty400() {
    ContractClient raw = Targets.client(Targets.SERVER);
    ContractClient.Exchange response = raw.outsideContract("GET", "/api/v1/auth/login",
        Map.of("Content-Type", "application/json"), "{\"email\": \"a@example.com\"}");
    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.header("Allow")).hasValueSatisfying(a -> assertThat(a).contains("POST"));
  }
}
