package dev.apiplatform.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.client.ApiException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Non-2xx answers become the typed problem of their family, with every member readable. */
class ProblemsTest {

  private static Map<String, List<String>> headers(String... kv) {
    Map<String, List<String>> h = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      h.put(kv[i], Collections.singletonList(kv[i + 1]));
    }
    return h;
  }

  private static ApiException problem(int status, String body, String... moreHeaders) {
    String[] kv = Arrays.copyOf(new String[] {"content-type", "application/problem+json", "x-request-id", "req-1"},
        4 + moreHeaders.length);
    System.arraycopy(moreHeaders, 0, kv, 4, moreHeaders.length);
    return Problems.toException("msg", status, headers(kv), body);
  }

  @Test
  void validationProblem_carriesFieldErrorsExtensionsAndRequestId() {
    ApiException e = problem(400, "{\"type\":\"/problems/validation\",\"title\":\"Request validation failed\","
        + "\"status\":400,\"detail\":\"1 field is invalid\",\"instance\":\"/items\",\"message\":\"m\",\"reason\":\"r\","
        + "\"errors\":[{\"field\":\"body.price\",\"message\":\"must be >= 0\",\"code\":\"min\"}]}");

    assertThat(e).isInstanceOf(ValidationProblem.class);
    ValidationProblem p = (ValidationProblem) e;
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.type()).isEqualTo("/problems/validation");
    assertThat(p.title()).isEqualTo("Request validation failed");
    assertThat(p.detail()).isEqualTo("1 field is invalid");
    assertThat(p.instance()).isEqualTo("/items");
    assertThat(p.errors()).singleElement().satisfies(f -> {
      assertThat(f.getField()).isEqualTo("body.price");
      assertThat(f.getCode()).isEqualTo("min");
    });
    assertThat(p.extensions()).containsEntry("message", "m").containsEntry("reason", "r").doesNotContainKey("errors");
    assertThat(p.requestId()).isEqualTo("req-1");
    assertThat(p.getMessage()).isEqualTo("400 Request validation failed: 1 field is invalid");
  }

  @Test
  void eachDocumentedStatus_mapsToItsFamily() {
    String body = "{\"type\":\"/problems/x\",\"title\":\"T\",\"status\":0}";
    assertThat(problem(401, body)).isExactlyInstanceOf(UnauthorizedProblem.class);
    assertThat(problem(403, body)).isExactlyInstanceOf(ForbiddenProblem.class);
    assertThat(problem(404, body)).isExactlyInstanceOf(NotFoundProblem.class);
    assertThat(problem(409, body)).isExactlyInstanceOf(ConflictProblem.class);
    assertThat(problem(412, body)).isExactlyInstanceOf(PreconditionProblem.class);
    assertThat(problem(428, body)).isExactlyInstanceOf(PreconditionProblem.class);
    assertThat(problem(413, body)).isExactlyInstanceOf(RequestRejectedProblem.class);
    assertThat(problem(415, body)).isExactlyInstanceOf(RequestRejectedProblem.class);
    assertThat(problem(422, body)).isExactlyInstanceOf(UnprocessableProblem.class);
    assertThat(problem(500, body)).isExactlyInstanceOf(ServerProblem.class);
    assertThat(problem(418, body)).isExactlyInstanceOf(ProblemException.class);
    assertThat(((RateLimitedProblem) problem(429, body, "retry-after", "60")).retryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(((UnavailableProblem) problem(503, body)).retryAfter()).isNull();
  }

  @Test
  void aBodyThatIsNotAProblem_staysAPlainApiExceptionWithTheBody() {
    ApiException e = Problems.toException("Service Unavailable", 503, headers("content-type", "application/json"),
        "{\"status\":\"down\"}");
    assertThat(e).isExactlyInstanceOf(ApiException.class);
    assertThat(e.getCode()).isEqualTo(503);
    assertThat(e.getResponseBody()).contains("down");
    assertThat(Problems.toException("x", 502, headers("content-type", "application/problem+json"), "<html>"))
        .isExactlyInstanceOf(ApiException.class);
  }

  @Test
  void retryAfter_readsSecondsAndHttpDates() {
    assertThat(Problems.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(Problems.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(Problems.parseRetryAfter("soon")).isNull();
    assertThat(Problems.parseRetryAfter(null)).isNull();
  }

  @Test
  void tokens_takeExpiryFromTheJwtExpClaim_andNeverPrintThemselves() {
    String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"exp\":1900000000}".getBytes());
    Tokens t = Tokens.issued("h." + payload + ".s", "r", null, 60, 1_000);
    assertThat(t.expiresAtEpochSecond()).isEqualTo(1_900_000_000L);
    assertThat(Tokens.issued("opaque", "r", null, 60, 1_000).expiresAtEpochSecond()).isEqualTo(1_060);
    assertThat(t.toString()).doesNotContain(payload).doesNotContain("r,");
  }
}
