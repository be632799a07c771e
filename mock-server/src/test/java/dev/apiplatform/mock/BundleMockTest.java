package dev.apiplatform.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real bundle (classpath {@code openapi.yaml} from the contract jar), validation and
 * security on: a valid request (built from the contract's own examples, with a JWT) to every
 * operation answers its first documented 2xx, and with {@code Prefer: dynamic=true} every
 * answer still conforms to the contract.
 */
class BundleMockTest {

  @RegisterExtension
  static final MockServerExtension MOCK = new MockServerExtension();

  @Test
  void everyOperation_answersItsFirstDocumented2xx_toAValidRequest() throws Exception {
    List<String> failures = new ArrayList<>();
    List<ValidRequests.Call> calls = ValidRequests.forEveryOperation(MOCK.running().mock());
    for (ValidRequests.Call c : calls) {
      HttpResponse<String> r = c.send(MOCK.baseUri(), "X-Request-ID", "bundle-test");
      String ct = r.headers().firstValue("Content-Type").orElse("");
      if (r.statusCode() != c.operation().defaultResponse().status()) {
        failures.add(c + ": status " + r.statusCode() + " instead of "
            + c.operation().defaultResponse().status() + ": " + r.body());
      } else if (!r.headers().firstValue("X-Request-ID").orElse("").equals("bundle-test")) {
        failures.add(c + ": X-Request-ID not echoed");
      } else if (r.statusCode() != 204 && !ct.isEmpty() && r.body().isEmpty()) {
        failures.add(c + ": empty body for " + ct);
      }
    }
    assertThat(calls).hasSize(MOCK.running().mock().operationCount());
    assertThat(failures).isEmpty();
  }

  @Test
  void dynamicData_conformsToTheContract_forEveryOperation() {
    OpenApiInteractionValidator validator = OpenApiInteractionValidator
        .createForInlineApiSpecification(MOCK.running().mock().document().text()).build();
    // the check can fail: an Item without its required fields is refused
    ValidationReport selfTest = validator.validateResponse("/items/demo", Request.Method.GET,
        SimpleResponse.Builder.status(200).withContentType("application/json").withBody("{\"name\":5}").build());
    assertThat(selfTest.getMessages()).anyMatch(m -> m.getLevel() == ValidationReport.Level.ERROR);
    List<String> failures = new ArrayList<>();
    for (ValidRequests.Call c : ValidRequests.forEveryOperation(MOCK.running().mock())) {
      for (int round = 0; round < 3; round++) { // several draws: optional fields come and go
        HttpResponse<String> r = c.send(MOCK.baseUri(), "Prefer", "dynamic=true",
            "X-Request-ID", "dyn-" + round);
        SimpleResponse.Builder b = SimpleResponse.Builder.status(r.statusCode());
        r.headers().map().forEach((k, v) -> b.withHeader(k, v));
        if (!r.body().isEmpty()) {
          b.withBody(r.body());
        }
        ValidationReport report = validator.validateResponse(c.operation().path(),
            Request.Method.valueOf(c.operation().method().toUpperCase(Locale.ROOT)), b.build());
        String errors = report.getMessages().stream()
            .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
            .map(ValidationReport.Message::getMessage).collect(Collectors.joining("; "));
        if (!errors.isEmpty()) {
          failures.add(c + " -> " + r.statusCode() + ": " + errors + " in " + r.body());
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void dynamicData_isTheSameForTheSameSeedAndRequest_andDiffersForAnotherSeed() throws Exception {
    String a = dynamicItem(MOCK.baseUri());
    assertThat(dynamicItem(MOCK.baseUri())).isEqualTo(a);
    try (RunningMock other = ContractMock.startWith(MockOptions.defaults().withPort(0).withSeed(7))) {
      assertThat(dynamicItem(other.baseUri())).isNotEqualTo(a);
    }
    JsonNode item = Http.JSON.readTree(a);
    assertThat(item.path("item_id").asText()).isNotEqualTo("demo"); // generated, not the example
  }

  private static String dynamicItem(java.net.URI base) {
    HttpResponse<String> r = Http.send("GET", base.resolve("/items/demo"), "Authorization",
        Tokens.bearer(), "Prefer", "dynamic=true");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }
}
