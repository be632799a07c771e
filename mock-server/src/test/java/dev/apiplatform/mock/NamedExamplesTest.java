package dev.apiplatform.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Prefer: example=NAME} on the real bundle, one main operation per group: the named
 * example is served (with {@code Preference-Applied}), and an unknown name is a 400 problem
 * that lists the names the operation documents.
 */
class NamedExamplesTest {

  @RegisterExtension
  static final MockServerExtension MOCK = new MockServerExtension();

  /** group, request, the named example, a JSON pointer into it and the value there, the other names. */
  record Case(String group, String method, String path, String body, String name, String pointer,
      String expected, List<String> names) {
    @Override
    public String toString() {
      return group + ": " + method + " " + path + " example=" + name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("items", "GET", "/items/demo", null, "sold", "/status", "SOLD", List.of("active", "sold", "archived", "no_decimals")),
        new Case("items", "GET", "/items", null, "empty", "/page/has_more", "false", List.of("first_page", "last_page", "mine", "empty")),
        new Case("offers", "POST", "/offers", "{\"item_id\":\"demo\",\"amount\":15}", "accepted", "/status", "ACCEPTED",
            List.of("pending", "accepted", "declined", "withdrawn")),
        new Case("auth", "POST", "/auth/start", "{\"phone\":\"+14155550123\"}", "production", "/dev_otp", "", List.of("dev", "production")),
        new Case("account", "GET", "/api/v1/auth/me", null, "phone_only", "/phone_number", "+14155550188", List.of("patient", "phone_only")),
        new Case("profile", "GET", "/user/profile", null, "strava_connected", "/strava/connected", "true",
            List.of("not_connected", "strava_connected", "email_only")),
        new Case("echoes", "GET", "/api/v1/echoes", null, "more_pages", "/has_more", "true", List.of("one_page", "more_pages", "empty")),
        new Case("events", "GET", "/events/search?lat=34.07&lng=-84.28", null, "empty", "/count", "0",
            List.of("first_page", "last_page", "empty")),
        new Case("users", "GET", "/users/profile", null, "new_user", "/profile/isVerified", "false", List.of("with_saved_events", "new_user")),
        new Case("pat", "GET", "/api/v1/pat/analysis/5b0f9e2c-1f7a-4b8e-9a3d-2c4e6f8a0b1c", null, "actigraphy",
            "/data/input_type", "actigraphy", List.of("step_data", "actigraphy")));
  }

  private static HttpResponse<String> call(Case c, String prefer) {
    return c.body() == null
        ? Http.send(c.method(), MOCK.baseUri().resolve(c.path()), "Authorization", Tokens.bearer(), "Prefer", prefer)
        : Http.sendBody(c.method(), MOCK.baseUri().resolve(c.path()), c.body(), "Authorization", Tokens.bearer(),
            "Content-Type", "application/json", "Prefer", prefer);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aNamedExample_isServed(Case c) throws Exception {
    HttpResponse<String> r = call(c, "example=" + c.name());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    assertThat(r.headers().firstValue("Preference-Applied")).hasValue("example=" + c.name());
    JsonNode value = Http.JSON.readTree(r.body()).at(c.pointer());
    assertThat(value.asText()).isEqualTo(c.expected()); // "" for a field the example leaves out
    // without the preference the first named example is served, not this one
    JsonNode plain = Http.JSON.readTree(call(c, "code=" + r.statusCode()).body()).at(c.pointer());
    assertThat(plain.asText()).isNotEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void anUnknownName_isAProblemListingTheNames(Case c) throws Exception {
    HttpResponse<String> r = call(c, "example=garfield");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = Http.JSON.readTree(r.body());
    assertThat(problem.path("type").asText()).isEqualTo("/problems/mock-unknown-example");
    assertThat(problem.path("detail").asText()).contains("garfield").contains(String.join(", ", c.names()));
  }
}
