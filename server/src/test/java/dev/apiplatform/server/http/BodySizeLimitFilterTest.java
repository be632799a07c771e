package dev.apiplatform.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The route lookup's path: runs of slashes are one, as the routes are written (it was a regex per request). */
class BodySizeLimitFilterTest {

  @Test
  void runsOfSlashes_becomeOne() {
    assertThat(BodySizeLimitFilter.collapseSlashes("/api//v1///uploads/")).isEqualTo("/api/v1/uploads/");
    assertThat(BodySizeLimitFilter.collapseSlashes("//")).isEqualTo("/");
  }

  @Test
  void aPathWithoutRuns_isReturnedAsItIs() {
    String path = "/api/v1/healthkit/uploads";
    assertThat(BodySizeLimitFilter.collapseSlashes(path)).isSameAs(path);
    assertThat(BodySizeLimitFilter.collapseSlashes("/")).isEqualTo("/");
  }
}
