package dev.apiplatform.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void defaults_areTheEmbeddedDevMode() {
    AppConfig config = AppConfig.from(Map.of());
    assertThat(config.stage()).isEqualTo(Stage.DEV);
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.http().allowedOrigins()).containsExactly("*");
    assertThat(config.dataDir().getFileName().toString()).isEqualTo(".data");
    assertThat(config.http().maxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(config.aws().stores()).isEqualTo(AppConfig.Stores.EMBEDDED);
    assertThat(config.aws().dynamoDbEndpoint()).isEmpty();
    assertThat(config.aws().callTimeout()).isEqualTo(Duration.ofSeconds(5));
    // above the 60 s an AWS ALB keeps an idle connection to its target (Grizzly's own default is 30 s)
    assertThat(config.http().keepAliveIdle()).isEqualTo(Duration.ofSeconds(75));
  }

  @Test
  void prod_bindsAllInterfaces_andAllowsNoOriginByDefault() {
    AppConfig config = AppConfig.from(Map.of("STAGE", "prod"));
    assertThat(config.http().bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.http().allowedOrigins()).isEmpty();
  }

  @Test
  void values_areParsed() {
    AppConfig config = AppConfig.from(Map.of(
        "PORT", "9090", "ALLOWED_ORIGINS", "https://a.example.com, http://localhost:3000",
        "DYNAMODB_ENDPOINT", "http://localhost:8000", "MAX_BODY_BYTES", "2048", "STORES", "aws",
        "KEEP_ALIVE_IDLE_SECONDS", "350"));
    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.http().allowedOrigins()).containsExactly("https://a.example.com", "http://localhost:3000");
    assertThat(config.aws().dynamoDbEndpoint()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(8000));
    assertThat(config.http().maxBodyBytes()).isEqualTo(2048);
    assertThat(config.aws().stores()).isEqualTo(AppConfig.Stores.AWS);
    assertThat(config.http().keepAliveIdle()).isEqualTo(Duration.ofSeconds(350));
    assertThat(config.withPort(0).http().keepAliveIdle()).isEqualTo(Duration.ofSeconds(350));
  }

  @Test
  void badPort_namesTheVariable() {
    assertThatThrownBy(() -> AppConfig.from(Map.of("PORT", "eighty")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PORT");
    assertThatThrownBy(() -> AppConfig.from(Map.of("PORT", "70000")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PORT");
  }

  @Test
  void badValues_nameTheirVariable() {
    assertThatThrownBy(() -> AppConfig.from(Map.of("KEEP_ALIVE_IDLE_SECONDS", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("KEEP_ALIVE_IDLE_SECONDS");
    assertThatThrownBy(() -> AppConfig.from(Map.of("STAGE", "staging")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("STAGE");
    assertThatThrownBy(() -> AppConfig.from(Map.of("ALLOWED_ORIGINS", "not a url")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ALLOWED_ORIGINS");
    assertThatThrownBy(() -> AppConfig.from(Map.of("S3_ENDPOINT", "ftp://x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("S3_ENDPOINT");
    assertThatThrownBy(() -> AppConfig.from(Map.of("BUCKET_NAMESPACE", "Upper_Case")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("BUCKET_NAMESPACE");
    assertThatThrownBy(() -> AppConfig.from(Map.of("MAX_BODY_BYTES", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("MAX_BODY_BYTES");
  }

  @Test
  void tokenSettings_defaultToLocalDev() {
    AppConfig config = AppConfig.from(Map.of());
    assertThat(config.auth().jwtIssuer()).isEqualTo("http://localhost:8080");
    assertThat(config.auth().jwtAudience()).isEqualTo("mobile-platform");
    assertThat(config.auth().jwtSigningKeys()).isEmpty();
    assertThat(config.auth().accessTokenTtl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void tokenSettings_areParsed() {
    AppConfig config = AppConfig.from(Map.of(
        "JWT_ISSUER", "https://id.example.com/", "JWT_AUDIENCE", "offers-app",
        "JWT_SIGNING_KEYS", "{\"keys\":[]}", "ACCESS_TOKEN_TTL_SECONDS", "900"));
    assertThat(config.auth().jwtIssuer()).isEqualTo("https://id.example.com");
    assertThat(config.auth().jwtAudience()).isEqualTo("offers-app");
    assertThat(config.auth().jwtSigningKeys()).hasValue("{\"keys\":[]}");
    assertThat(config.auth().accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void badTokenSettings_nameTheirVariable() {
    for (String ttl : new String[] {"59", "86401", "1h"}) {
      assertThatThrownBy(() -> AppConfig.from(Map.of("ACCESS_TOKEN_TTL_SECONDS", ttl)))
          .isInstanceOf(ConfigException.class).hasMessageContaining("ACCESS_TOKEN_TTL_SECONDS");
    }
    assertThat(AppConfig.from(Map.of("ACCESS_TOKEN_TTL_SECONDS", "60")).auth().accessTokenTtl()).hasSeconds(60);
    assertThat(AppConfig.from(Map.of("ACCESS_TOKEN_TTL_SECONDS", "86400")).auth().accessTokenTtl()).hasSeconds(86_400);
    assertThatThrownBy(() -> AppConfig.from(Map.of("JWT_ISSUER", "not a url")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("JWT_ISSUER");
    assertThatThrownBy(() -> AppConfig.from(Map.of("JWT_AUDIENCE", "two words")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("JWT_AUDIENCE");
  }

  @Test
  void toString_neverPrintsTheSigningKeys() {
    String secret = "{\"keys\":[{\"kty\":\"EC\",\"d\":\"PRIVATE-PART\"}]}";
    AppConfig config = AppConfig.from(Map.of("JWT_SIGNING_KEYS", secret, "ACCESS_TOKEN_TTL_SECONDS", "120"));
    for (AppConfig copy : new AppConfig[] {config, config.withPort(0),
        config.withStores(java.net.URI.create("http://localhost:8000"), java.net.URI.create("http://localhost:9000"),
            new AppConfig.StaticCredentials("AKID", "s3cr3t"))}) {
      assertThat(copy.toString()).doesNotContain("PRIVATE-PART", "s3cr3t")
          .contains("jwtSigningKeys=***", "accessTokenTtl=PT2M", "jwtAudience=mobile-platform");
      assertThat(copy.auth().jwtSigningKeys()).hasValue(secret);
      assertThat(copy.auth().accessTokenTtl()).isEqualTo(Duration.ofMinutes(2));
    }
    assertThat(AppConfig.from(Map.of()).toString()).contains("jwtSigningKeys=<unset>");
  }

  @Test
  void credentials_neverPrintTheSecret() {
    assertThat(new AppConfig.StaticCredentials("AKID", "s3cr3t").toString()).doesNotContain("s3cr3t");
  }
}
