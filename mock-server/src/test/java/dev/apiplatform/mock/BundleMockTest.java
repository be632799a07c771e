package dev.apiplatform.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real bundle (classpath {@code openapi.yaml} from the contract jar): every operation
 * answers its first documented 2xx. Expectations are read from the document here, not
 * from the mock.
 */
class BundleMockTest {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "options", "head", "trace");

  @RegisterExtension
  static final MockServerExtension MOCK = new MockServerExtension();

  @Test
  void everyOperationAnswersItsFirstDocumented2xx() throws Exception {
    JsonNode doc;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi.yaml")) {
      assertThat(in).as("openapi.yaml from the contract jar").isNotNull();
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    ObjectMapper json = new ObjectMapper();
    List<String> failures = new ArrayList<>();
    int operations = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> p = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> o = ops.next();
        if (!METHODS.contains(o.getKey())) {
          continue;
        }
        operations++;
        String method = o.getKey().toUpperCase(Locale.ROOT);
        String label = method + " " + p.getKey();
        String expected = null;
        for (Iterator<String> codes = o.getValue().path("responses").fieldNames(); codes.hasNext(); ) {
          String c = codes.next();
          if (c.matches("2\\d\\d")) {
            expected = c;
            break;
          }
        }
        if (expected == null) {
          failures.add(label + ": documents no 2xx");
          continue;
        }
        String path = p.getKey().replaceAll("\\{[^}/]+}", "test-1");
        HttpResponse<String> r = List.of("POST", "PUT", "PATCH").contains(method)
            ? Http.sendBody(method, MOCK.baseUri().resolve(path), "{}",
                "Content-Type", "application/json", "X-Request-ID", "bundle-test")
            : Http.send(method, MOCK.baseUri().resolve(path), "X-Request-ID", "bundle-test");
        String ct = r.headers().firstValue("Content-Type").orElse("");
        if (r.statusCode() != Integer.parseInt(expected)) {
          failures.add(label + ": status " + r.statusCode() + " instead of " + expected + ": " + r.body());
        } else if (!r.headers().firstValue("X-Request-ID").orElse("").equals("bundle-test")) {
          failures.add(label + ": X-Request-ID not echoed");
        } else if (!expected.equals("204") && !ct.isEmpty() && r.body().isEmpty()) {
          failures.add(label + ": empty body for " + ct);
        } else if (ct.toLowerCase(Locale.ROOT).contains("json")) {
          try {
            json.readTree(r.body());
          } catch (Exception e) {
            failures.add(label + ": body is not JSON: " + e.getMessage());
          }
        }
      }
    }
    assertThat(operations).isPositive();
    assertThat(MOCK.running().mock().operationCount()).isEqualTo(operations);
    assertThat(failures).isEmpty();
  }
}
