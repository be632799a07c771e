package dev.apiplatform.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every example the bundle documents is valid against its schema, checked with the validator
 * the conformance suite uses: each response's served example (the media type's {@code example},
 * else its first named one, else the one built from the schemas' own examples) and every named
 * response example, with the documented headers; every request body example and named request
 * example. A wrong example would be served by the mock to UI teams as if it were the contract.
 */
class BundleExamplesTest {

  @Test
  void everyExampleInTheBundle_isValidAgainstItsSchema() {
    ContractMock mock = ContractMock.fromClasspath();
    List<String> failures = check(mock);
    assertThat(failures).isEmpty();
  }

  @Test
  void theBundleHasNamedResponseExamples_forTheMainOperationsOfEveryGroup() {
    ContractMock mock = ContractMock.fromClasspath();
    List<String> withNames = new ArrayList<>();
    for (MockOperation op : mock.mockOperations()) {
      if (!op.defaultResponse().named().isEmpty()) {
        withNames.add(op.operationId());
      }
    }
    assertThat(withNames).contains("items_create", "items_get", "items_list", "offers_create",
        "offers_list", "auth_verify", "auth_signin", "account_login", "profile_get", "echoes_save", "echoes_list",
        "events_search", "users_getProfile", "pat_getAnalysis");
  }

  @Test
  void aWrongExample_isReported() {
    // the same check on a bundle whose named Item example lost a required field and broke a pattern
    ContractMock good = ContractMock.fromClasspath();
    ObjectNode root = good.document().root().deepCopy();
    ObjectNode value = (ObjectNode) root.at("/components/responses/ItemResponse/content/application~1json/examples")
        .elements().next().path("value");
    value.remove("owner_id");
    value.put("currency", "dollars");
    ContractMock broken = ContractMock.fromString(root.toString());
    assertThat(check(broken)).anyMatch(f -> f.contains("items_get") && f.contains("owner_id"))
        .anyMatch(f -> f.contains("items_get") && f.contains("currency"));
  }

  static List<String> check(ContractMock mock) {
    OpenApiDocument doc = mock.document();
    OpenApiInteractionValidator validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(doc.text()).build();
    List<String> failures = new ArrayList<>();
    for (MockOperation op : mock.mockOperations()) {
      Request.Method method = Request.Method.valueOf(op.method().toUpperCase(Locale.ROOT));
      for (Map.Entry<String, CannedResponse> e : op.responses().entrySet()) {
        CannedResponse r = e.getValue();
        if (!e.getKey().matches("\\d{3}") || r.mediaType() == null || !r.mediaType().contains("json")) {
          continue; // range and default keys share a status with others; YAML/text bodies have no JSON schema
        }
        checkResponse(validator, op, method, r, "example", r.body(), failures);
        for (Map.Entry<String, byte[]> named : r.named().entrySet()) {
          checkResponse(validator, op, method, r, "example '" + named.getKey() + "'", named.getValue(), failures);
        }
      }
      checkRequestExamples(doc, validator, op, method, failures);
    }
    return failures;
  }

  private static void checkResponse(OpenApiInteractionValidator validator, MockOperation op,
      Request.Method method, CannedResponse r, String what, byte[] body, List<String> failures) {
    SimpleResponse.Builder b = SimpleResponse.Builder.status(r.status()).withContentType(r.mediaType())
        .withBody(new String(body, StandardCharsets.UTF_8));
    for (MockResponse.Header h : r.headers()) {
      b.withHeader(h.name(), h.value());
    }
    b.withHeader("X-Request-ID", "examples-test");
    String errors = errors(validator.validateResponse(op.path(), method, b.build()), "validation.response");
    if (!errors.isEmpty()) {
      failures.add(op.operationId() + " " + r.key() + " " + what + ": " + errors);
    }
  }

  /** Body examples of the request: only body messages count (the path keeps its template). */
  private static void checkRequestExamples(OpenApiDocument doc, OpenApiInteractionValidator validator,
      MockOperation op, Request.Method method, List<String> failures) {
    JsonNode operation = doc.deref(doc.deref(doc.root().path("paths").path(op.path()))
        .path(op.method().toLowerCase(Locale.ROOT)));
    JsonNode content = doc.deref(operation.path("requestBody")).path("content");
    for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> mt = it.next();
      if (!mt.getKey().contains("json")) {
        continue;
      }
      JsonNode media = doc.deref(mt.getValue());
      List<Map.Entry<String, JsonNode>> values = new ArrayList<>();
      if (media.has("example")) {
        values.add(Map.entry("request example", media.get("example")));
      }
      for (Iterator<Map.Entry<String, JsonNode>> ex = media.path("examples").fields(); ex.hasNext(); ) {
        Map.Entry<String, JsonNode> named = ex.next();
        JsonNode v = doc.deref(named.getValue()).get("value");
        if (v != null) {
          values.add(Map.entry("request example '" + named.getKey() + "'", v));
        }
      }
      for (Map.Entry<String, JsonNode> v : values) {
        SimpleRequest request = new SimpleRequest.Builder(op.method(), op.path())
            .withContentType(mt.getKey()).withBody(v.getValue().toString()).build();
        String errors = errors(validator.validateRequest(request), "validation.request.body");
        if (!errors.isEmpty()) {
          failures.add(op.operationId() + " " + v.getKey() + ": " + errors);
        }
      }
    }
  }

  private static String errors(ValidationReport report, String keyPrefix) {
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR && m.getKey().startsWith(keyPrefix))
        .map(m -> m.getKey() + " " + m.getMessage()).collect(Collectors.joining("; "));
  }
}
