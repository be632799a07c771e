package dev.apiplatform.server.metrics;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.error.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeAccessTest {

  static final String TOKEN = "s3cr3t-metrics-token-0123456789abcdef";

  static ScrapeAccess access(Stage stage, Map<String, String> env) {
    return new ScrapeAccess(MetricsSettings.from(new Env(env), stage));
  }

  @Test
  void dev_isPublic_withOrWithoutAToken() {
    assertThatCode(() -> access(Stage.DEV, Map.of()).check(null)).doesNotThrowAnyException();
    assertThatCode(() -> access(Stage.DEV, Map.of("METRICS_TOKEN", TOKEN)).check("Bearer nope"))
        .doesNotThrowAnyException();
  }

  @Test
  void prod_needsTheConfiguredBearer() {
    ScrapeAccess access = access(Stage.PROD, Map.of("METRICS_TOKEN", TOKEN));
    assertThatCode(() -> access.check("Bearer " + TOKEN)).doesNotThrowAnyException();
    assertThatThrownBy(() -> access.check(null)).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> access.check("Bearer " + TOKEN + "x")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> access.check(TOKEN)).isInstanceOf(ApiException.class);
  }

  @Test
  void prod_withoutAToken_refusesEveryScrape() {
    assertThatThrownBy(() -> access(Stage.PROD, Map.of()).check("Bearer anything-at-all-0123456789abcdef"))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void settings_refuseAShortTokenAndAnUnknownFlag() {
    assertThatThrownBy(() -> MetricsSettings.from(new Env(Map.of("METRICS_TOKEN", "short")), Stage.PROD))
        .isInstanceOf(ConfigException.class).hasMessageContaining("METRICS_TOKEN");
    assertThatThrownBy(() -> MetricsSettings.from(new Env(Map.of("METRICS_ENABLED", "yes")), Stage.DEV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("METRICS_ENABLED");
  }
}
