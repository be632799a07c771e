package dev.apiplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Raw HTTP against one target, where every exchange that belongs to a contract operation is
 * validated (request and response) against the bundle and counted for coverage. A call the
 * contract does not know is an assertion failure unless made with {@link #outsideContract}.
 */
final class ContractClient {

  private static OpenApiInteractionValidator validator;

  private final String target;
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  ContractClient(String target, URI base) {
    this.target = target;
    this.base = base;
  }

  static synchronized OpenApiInteractionValidator validator() {
    if (validator == null) {
      validator = OpenApiInteractionValidator.createForInlineApiSpecification(Bundle.get().yaml()).build();
    }
    return validator;
  }

  record Exchange(int status, Map<String, List<String>> headers, String body) {
    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }
  }

  /** A call to a contract operation: validated and counted. */
  Exchange call(String method, String pathAndQuery, Map<String, String> headers, String body) {
    String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
    Bundle.Operation operation = Bundle.get().match(method, path)
        .orElseThrow(() -> new AssertionError(method + " " + path + " is not an operation of the contract"));
    Exchange exchange = send(method, pathAndQuery, headers, body);
    ValidationReport report = validator().validate(request(method, pathAndQuery, headers, body), response(exchange));
    assertThat(report.getMessages())
        .as("%s %s on %s answered %d, which must conform to the contract; body: %s",
            method, pathAndQuery, target, exchange.status(), exchange.body())
        .filteredOn(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .isEmpty();
    assertThat(exchange.header("X-Request-ID")).as("X-Request-ID on every response").isPresent();
    Coverage.record(target, operation, exchange.status());
    return exchange;
  }

  Exchange get(String pathAndQuery) {
    return call("GET", pathAndQuery, Map.of(), null);
  }

  /** A JSON POST to a contract operation: validated and counted. */
  Exchange post(String path, Map<String, String> headers, String json) {
    return call("POST", path, withJson(headers), json);
  }

  /**
   * A request that breaks the contract on purpose (unknown field, wrong media type, oversized
   * body, missing credentials), to see how the target refuses it. The request must really be
   * invalid (so the test proves what it claims); the response is validated and counted.
   */
  Exchange callBreakingContract(String method, String pathAndQuery, Map<String, String> headers, String body) {
    String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
    Bundle.Operation operation = Bundle.get().match(method, path)
        .orElseThrow(() -> new AssertionError(method + " " + path + " is not an operation of the contract"));
    ValidationReport requestReport = validator().validateRequest(request(method, pathAndQuery, headers, body));
    assertThat(requestReport.getMessages())
        .as("%s %s is meant to break the contract, but the contract accepts it", method, pathAndQuery)
        .anyMatch(m -> m.getLevel() == ValidationReport.Level.ERROR);
    Exchange exchange = send(method, pathAndQuery, headers, body);
    ValidationReport report = validator().validateResponse(path, Request.Method.valueOf(method), response(exchange));
    assertThat(report.getMessages())
        .as("%s %s on %s answered %d, which must conform to the contract; body: %s",
            method, pathAndQuery, target, exchange.status(), exchange.body())
        .filteredOn(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .isEmpty();
    assertThat(exchange.header("X-Request-ID")).as("X-Request-ID on every response").isPresent();
    Coverage.record(target, operation, exchange.status());
    return exchange;
  }

  static Map<String, String> withJson(Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    if (all.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))) {
      all.put("Content-Type", "application/json");
    }
    return all;
  }

  String target() {
    return target;
  }

  Exchange get(String pathAndQuery, Map<String, String> headers) {
    return call("GET", pathAndQuery, headers, null);
  }

  /** A request the contract does not describe (unknown paths, wrong methods): not validated. */
  Exchange outsideContract(String method, String pathAndQuery, Map<String, String> headers, String body) {
    return send(method, pathAndQuery, headers, body);
  }

  private Exchange send(String method, String pathAndQuery, Map<String, String> headers, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(builder::header);
    try {
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Exchange(response.statusCode(), response.headers().map(), response.body());
    } catch (Exception e) {
      throw new AssertionError(method + " " + pathAndQuery + " on " + target + " failed: " + e, e);
    }
  }

  private static Request request(String method, String pathAndQuery, Map<String, String> headers, String body) {
    String path = pathAndQuery;
    Map<String, String> query = new LinkedHashMap<>();
    int q = pathAndQuery.indexOf('?');
    if (q >= 0) {
      path = pathAndQuery.substring(0, q);
      for (String pair : pathAndQuery.substring(q + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
            kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
      }
    }
    SimpleRequest.Builder builder = new SimpleRequest.Builder(method, path);
    headers.forEach(builder::withHeader);
    query.forEach(builder::withQueryParam);
    if (body != null) builder.withBody(body);
    return builder.build();
  }

  private static com.atlassian.oai.validator.model.Response response(Exchange exchange) {
    SimpleResponse.Builder builder = SimpleResponse.Builder.status(exchange.status());
    exchange.headers().forEach((name, values) -> {
      if (name != null && !name.equals(":status")) builder.withHeader(name, values.stream().collect(Collectors.toList()));
    });
    if (!exchange.body().isEmpty()) builder.withBody(exchange.body());
    return builder.build();
  }
}
