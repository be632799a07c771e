package dev.apiplatform.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.profile.ProfileGroup;
import dev.apiplatform.server.system.SystemGroup;
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

/** A platform started with a subset of its groups, the way a group's own tests start it. */
class PlatformGroupsTest {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir static Path dir;
  private static EmbeddedAws stores;
  private static EmbeddedSqs queues;
  private static Platform platform;

  @BeforeAll
  static void start() throws Exception {
    stores = EmbeddedAws.start(dir);
    queues = EmbeddedSqs.start(dir);
    AppConfig config = AppConfig.from(Map.of("PORT", "0", "DATA_DIR", dir.toString(), "SHUTDOWN_GRACE_SECONDS", "1"))
        .withStores(stores.dynamoDbEndpoint(), stores.s3Endpoint(),
            new AppConfig.StaticCredentials(stores.accessKeyId(), stores.secretAccessKey()))
        .withQueue(queues.endpoint());
    platform = Platform.start(config, List.of(new SystemGroup(), new ProfileGroup()));
  }

  @AfterAll
  static void stop() {
    if (platform != null) platform.close();
    if (queues != null) queues.close();
    if (stores != null) stores.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(platform.baseUri() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theStartedGroups_serveTheirOperations_withThePlatformWideFilters() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(200);
    HttpResponse<String> profile = get("/user/profile");
    assertThat(profile.statusCode()).isEqualTo(401);
    assertThat(profile.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void groupsNotStarted_areNotServed() throws Exception {
    HttpResponse<String> items = get("/items");
    assertThat(items.statusCode()).isEqualTo(404);
    assertThat(items.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }
}
