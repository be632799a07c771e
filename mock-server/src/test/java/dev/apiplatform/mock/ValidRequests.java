package dev.apiplatform.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A valid request for every operation, built from the contract's own examples (what a tidy client sends). */
final class ValidRequests {

  record Call(MockOperation operation, String method, String pathAndQuery, List<String> headers, String body) {
    HttpResponse<String> send(URI base, String... extraHeaders) {
      List<String> all = new ArrayList<>(headers);
      all.addAll(List.of(extraHeaders));
      return Http.sendBody(method, base.resolve(pathAndQuery), body, all.toArray(String[]::new));
    }

    @Override
    public String toString() {
      return operation.label();
    }
  }

  private static final String FORM = "application/x-www-form-urlencoded";

  private ValidRequests() {}

  /** A form operation (Twilio's inbound SMS) gets its example as name=value pairs, as a form client sends. */
  private static String form(JsonNode example) {
    StringBuilder form = new StringBuilder();
    example.fields().forEachRemaining(field -> form.append(form.isEmpty() ? "" : "&")
        .append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(field.getValue().asText(), StandardCharsets.UTF_8)));
    return form.toString();
  }

  static List<Call> forEveryOperation(ContractMock mock) {
    OpenApiDocument doc = mock.document();
    Examples examples = mock.examples();
    List<Call> calls = new ArrayList<>();
    for (MockOperation op : mock.mockOperations()) {
      JsonNode pathItem = doc.deref(doc.root().path("paths").path(op.path()));
      JsonNode operation = doc.deref(pathItem.path(op.method().toLowerCase(Locale.ROOT)));
      String path = op.path();
      StringBuilder query = new StringBuilder();
      List<String> headers = new ArrayList<>();
      List<JsonNode> params = new ArrayList<>();
      pathItem.path("parameters").forEach(params::add);
      operation.path("parameters").forEach(params::add);
      for (JsonNode ref : params) {
        JsonNode p = doc.deref(ref);
        String name = p.path("name").asText();
        String in = p.path("in").asText();
        boolean required = p.path("required").asBoolean(false);
        if (!required && !in.equals("path")) {
          continue;
        }
        String value = Bodies.headerValue(examples.forHeader(p));
        switch (in) {
          case "path" -> path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
          case "query" -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
          case "header" -> headers.addAll(List.of(name, value));
          default -> { }
        }
      }
      if (op.bearer()) {
        headers.addAll(List.of("Authorization", Tokens.bearer()));
      }
      String body = null;
      JsonNode content = doc.deref(operation.path("requestBody")).path("content");
      if (content.isObject() && content.size() > 0) {
        String mediaType = content.fieldNames().next();
        JsonNode example = examples.forMediaType(content.get(mediaType));
        body = mediaType.equals(FORM) ? form(example) : Bodies.render(example, mediaType);
        headers.addAll(List.of("Content-Type", mediaType));
      }
      calls.add(new Call(op, op.method(), path + query, headers, body));
    }
    return calls;
  }
}
