package dev.apiplatform.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The compiled parameter checks only ever say "valid" when the validator agrees: each request
 * here is asked of both, and where the fast check says valid the validator finds no error.
 */
class FastParametersTest {

  private static final ContractMock MOCK = ContractMock.fromClasspath();
  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForInlineApiSpecification(MOCK.document().text()).build();

  private static boolean fast(String method, String path, String query) {
    Router.Match m = MOCK.router().match(method, path);
    FastParameters f = FastParameters.compile(MOCK.document(), m.operation());
    assertThat(f).as("compiled for " + m.operation().label()).isNotNull();
    MockRequest req = new MockRequest(method, path, query, Map.of("authorization", List.of(Tokens.bearer())), null);
    return f.valid(req, m.pathParams(), req.queryParams());
  }

  private static boolean validatorAccepts(String method, String path, String query) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(method, path).withHeader("Authorization", Tokens.bearer());
    new MockRequest(method, path, query, Map.of(), null).queryParams().forEach(b::withQueryParam);
    return VALIDATOR.validateRequest(b.build()).getMessages().stream()
        .noneMatch(msg -> msg.getLevel() == ValidationReport.Level.ERROR && !msg.getKey().contains("security"));
  }

  @ParameterizedTest(name = "{0} {1}?{2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "GET|/items/demo||true",
      "GET|/items/lamp_7-b||true",
      "GET|/items/no.dots||false",
      "GET|/items/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa||false",
      "GET|/items||true",
      "GET|/items|limit=100&owner=me&q=lamp&min_price=0&max_price=10000000|true",
      "GET|/items|limit=101|false",
      "GET|/items|limit=0|false",
      "GET|/items|limit=1e2|false",
      "GET|/items|limit=2147483648|false",
      "GET|/items|limit=5&limit=6|false",
      "GET|/items|owner=you|false",
      "GET|/items|q=|false",
      "GET|/items|min_price=-1|false",
      "GET|/items|max_price=10000000.01|false",
      "GET|/items|cursor=abc_-9|true",
      "GET|/items|cursor=a+b|false",
      "GET|/api/v1/echoes|emotion=joy&page=2&page_size=100|true",
      "GET|/api/v1/echoes|emotion=happy|false",
      "GET|/api/v1/echoes|page=10001|false",
  })
  void saysValidOnlyWhereTheValidatorAgrees(String method, String path, String query, boolean expected) {
    String q = query == null ? "" : query;
    boolean fast = fast(method, path, q);
    assertThat(fast).isEqualTo(expected);
    if (fast) {
      assertThat(validatorAccepts(method, path, q)).as("the validator accepts what the fast check accepts").isTrue();
    }
  }

  private static boolean fastBody(String path, String contentType, String body) {
    Router.Match m = MOCK.router().match("POST", path);
    FastParameters f = FastParameters.compile(MOCK.document(), m.operation());
    assertThat(f).as("compiled for " + m.operation().label()).isNotNull();
    MockRequest req = new MockRequest("POST", path, "", Map.of("authorization", List.of(Tokens.bearer()),
        "content-type", List.of(contentType)), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return f.valid(req, m.pathParams(), req.queryParams());
  }

  private static boolean validatorAcceptsBody(String path, String contentType, String body) {
    SimpleRequest r = new SimpleRequest.Builder("POST", path).withHeader("Authorization", Tokens.bearer())
        .withContentType(contentType).withBody(body).build();
    return VALIDATOR.validateRequest(r).getMessages().stream()
        .noneMatch(msg -> msg.getLevel() == ValidationReport.Level.ERROR && !msg.getKey().contains("security"));
  }

  @ParameterizedTest(name = "{0} {2} -> fast {3}, validator {4}")
  @CsvSource(delimiter = '|', value = {
      "/items|application/json|{\"item_id\":\"demo\",\"name\":\"Sample\",\"price\":19.99}|true|true",
      "/items|application/json; charset=utf-8|{\"item_id\":\"a\",\"name\":\"S\",\"price\":0,\"currency\":\"EUR\",\"image_urls\":[\"https://x.example/1.jpg\"]}|true|true",
      "/items|application/json|{\"item_id\":\"demo\",\"name\":\"Sample\",\"price\":10000000.0000000001}|false|true",
      "/items|application/json|{\"item_id\":\"demo\",\"name\":\"Sample\",\"price\":-1}|false|false",
      "/items|application/json|{\"item_id\":\"demo\",\"name\":\"Sample\",\"price\":\"19.99\"}|false|false",
      "/items|application/json|{\"item_id\":\"demo\",\"name\":\"Sample\"}|false|false",
      "/items|application/json|{\"item_id\":\"demo\",\"name\":\"Sample\",\"price\":1,\"extra\":1}|false|false",
      "/items|application/json|{\"item_id\":\"demo\",\"item_id\":\"x y\",\"name\":\"Sample\",\"price\":1}|false|false",
      "/items|application/json|{\"item_id\":\"demo\",\"name\":\"Sample\",\"price\":1} []|false|true",
      "/items|application/json|{\"item_id\":\"demo\",\"name\":\"\",\"price\":1}|false|false",
      "/items|application/json|{\"item_id\":\"demo\",\"name\":\"S\",\"price\":1,\"currency\":\"usd\"}|false|false",
      "/items|application/json|{\"item_id\":\"demo\",\"name\":\"S\",\"price\":1,\"image_urls\":[\"http://x\"]}|false|false",
      "/items|application/json|{\"item_id\":\"demo\",\"name\":\"S\",\"price\":1|false|false",
      "/items|text/plain|{\"item_id\":\"demo\",\"name\":\"Sample\",\"price\":1}|false|false",
  })
  void bodies_saysValidOnlyWhereTheValidatorAgrees(String path, String contentType, String body, boolean expected,
      boolean validator) {
    // fast "true" implies validator "true"; where the fast check is stricter (a price beyond the
    // maximum in its 10th decimal, trailing data), the validator gives the verdict
    assertThat(fastBody(path, contentType, body)).isEqualTo(expected);
    assertThat(validatorAcceptsBody(path, contentType, body)).isEqualTo(validator);
  }

  @Test
  void schemasWithKeywordsItDoesNotKnow_areLeftToTheValidator() {
    // POST /events: its body has format: email (createdByEmail) and other formats
    assertThat(FastParameters.compile(MOCK.document(), MOCK.router().match("POST", "/events").operation())).isNull();
  }
}
