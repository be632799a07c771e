package dev.apiplatform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract's OpenAPI {@code links} (the stateful fuzzing phase follows them) lead somewhere:
 * each names an existing operation, fills only parameters that operation declares, and takes its
 * values from members or headers the answer it hangs on really has. Schemathesis drops a link it
 * cannot resolve, so a renamed member or parameter would otherwise silently end that chain.
 */
class ContractLinksTest {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  static JsonNode bundle;
  static final Map<String, List<JsonNode>> PARAMETERS = new HashMap<>();

  @BeforeAll
  static void bundle() {
    bundle = new Bundler().bundle(Path.of("../openapi"));
    bundle.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (!METHODS.contains(op.getKey())) return;
      List<JsonNode> params = new ArrayList<>();
      path.getValue().path("parameters").forEach(p -> params.add(deref(p)));
      op.getValue().path("parameters").forEach(p -> params.add(deref(p)));
      PARAMETERS.put(op.getValue().path("operationId").asText(), params);
    }));
  }

  static JsonNode deref(JsonNode node) {
    for (int i = 0; i < 20 && node.has("$ref"); i++) {
      String ref = node.path("$ref").asText();
      if (!ref.startsWith("#/")) throw new IllegalStateException("not bundled: " + ref);
      node = bundle.at(ref.substring(1));
    }
    return node;
  }

  record Link(String at, JsonNode response, String name, JsonNode link) {}

  static List<Link> links() {
    List<Link> all = new ArrayList<>();
    bundle.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (!METHODS.contains(op.getKey())) return;
      op.getValue().path("responses").fields().forEachRemaining(r -> {
        JsonNode response = deref(r.getValue());
        response.path("links").fields().forEachRemaining(l -> all.add(new Link(
            op.getValue().path("operationId").asText() + " " + r.getKey(), response, l.getKey(), deref(l.getValue()))));
      });
    }));
    return all;
  }

  @Test
  void theStatefulChains_areThere() {
    assertThat(links()).extracting(l -> l.at() + " -> " + l.link().path("operationId").asText())
        .contains("items_create 201 -> items_get", "offers_create 201 -> offers_accept",
            "offers_create 201 -> offers_withdraw", "pat_analyze 200 -> pat_getAnalysis",
            "healthData_upload 202 -> healthData_getProcessing", "events_create 201 -> events_get");
  }

  @Test
  void everyLink_namesAnOperation_fillsItsParameters_fromWhatTheAnswerHas() {
    List<String> problems = new ArrayList<>();
    List<Link> links = links();
    for (Link l : links) {
      String where = l.at() + " link " + l.name();
      String target = l.link().path("operationId").asText();
      List<JsonNode> params = PARAMETERS.get(target);
      if (params == null) {
        problems.add(where + ": no operation " + target);
        continue;
      }
      l.link().path("parameters").fields().forEachRemaining(p -> {
        String key = p.getKey();
        String in = key.contains(".") ? key.substring(0, key.indexOf('.')) : null;
        String name = key.contains(".") ? key.substring(key.indexOf('.') + 1) : key;
        boolean declared = params.stream().anyMatch(d -> (in == null || d.path("in").asText().equals(in))
            && (d.path("in").asText().equals("header") ? d.path("name").asText().equalsIgnoreCase(name)
                : d.path("name").asText().equals(name)));
        if (!declared) problems.add(where + ": " + target + " has no parameter " + key);
        String source = source(l.response(), p.getValue().asText());
        if (source != null) problems.add(where + ": " + p.getValue().asText() + " " + source);
      });
    }
    assertThat(links).isNotEmpty();
    assertThat(problems).isEmpty();
  }

  /** Null when {@code expression} names a member or header {@code response} has, else why not. */
  static String source(JsonNode response, String expression) {
    if (expression.startsWith("$response.header.")) {
      String header = expression.substring("$response.header.".length()).toLowerCase(Locale.ROOT);
      for (var it = response.path("headers").fieldNames(); it.hasNext(); ) {
        if (it.next().toLowerCase(Locale.ROOT).equals(header)) return null;
      }
      return "is not a header of the answer";
    }
    if (!expression.startsWith("$response.body#/")) return "is not a $response.body or $response.header expression";
    JsonNode schema = deref(response.path("content").path("application/json").path("schema"));
    for (String member : expression.substring("$response.body#/".length()).split("/")) {
      JsonNode next = deref(schema).path("properties").path(member);
      if (next.isMissingNode()) return "is not a member of the answer's schema";
      schema = next;
    }
    return null;
  }
}
