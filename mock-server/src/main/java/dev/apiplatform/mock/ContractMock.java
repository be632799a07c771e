package dev.apiplatform.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operations of an OpenAPI 3.0 document as the mock serves them, with no per-operation
 * code: a new path or group in the contract is mocked as soon as the bundle contains it.
 *
 * <p>Per operation it renders, once at start, every documented response with its example
 * ({@link CannedResponse}) and notes what the dispatcher checks (bearer security, which status a
 * validation failure gets). {@link #start(MockOptions)} runs it on WireMock.
 */
public final class ContractMock {

  /** Classpath resource of the bundled contract (root of the {@code contract} jar). */
  public static final String DEFAULT_SPEC_RESOURCE = "openapi.yaml";

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** One mocked operation: method (upper case), path template and its documented statuses. */
  public record Operation(String method, String path, String operationId, int defaultStatus,
      List<String> documentedStatuses) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final OpenApiDocument doc;
  private final Examples examples;
  private final List<Operation> operations = new ArrayList<>();
  private final List<MockOperation> mockOperations = new ArrayList<>();
  private final Router router;

  private ContractMock(OpenApiDocument doc) {
    this.doc = doc;
    this.examples = new Examples(doc);
    this.router = new Router(build());
  }

  // ---------------------------------------------------------------- factories

  /** The bundled contract from the classpath ({@value #DEFAULT_SPEC_RESOURCE}). */
  public static ContractMock fromClasspath() {
    return fromClasspath(DEFAULT_SPEC_RESOURCE);
  }

  public static ContractMock fromClasspath(String resource) {
    return new ContractMock(OpenApiDocument.readClasspath(resource));
  }

  /** An OpenAPI document (YAML or JSON) on disk; it must be self-contained. */
  public static ContractMock fromFile(Path spec) {
    return new ContractMock(OpenApiDocument.read(spec));
  }

  /** An OpenAPI document given as YAML or JSON text. */
  public static ContractMock fromString(String yamlOrJson) {
    return new ContractMock(OpenApiDocument.parse(yamlOrJson, "<string>"));
  }

  /** {@code spec} when given, else the classpath bundle. */
  public static ContractMock load(Path specOrNull) {
    return specOrNull == null ? fromClasspath() : fromFile(specOrNull);
  }

  /** Starts a mock of {@code specOrNull} (null: the bundle) on {@code port} with the default options. */
  public static RunningMock start(int port, Path specOrNull) {
    return load(specOrNull).start(MockOptions.defaults().withPort(port).withSpec(specOrNull));
  }

  /** Starts {@link MockOptions#spec()} (null: the bundle) with {@code options}. */
  public static RunningMock startWith(MockOptions options) {
    return load(options.spec()).start(options);
  }

  /** Starts this mock on {@code port} (0: a free port) with the default options. */
  public RunningMock start(int port) {
    return start(MockOptions.defaults().withPort(port));
  }

  /** Starts this mock (its document, not {@code options.spec()}) with {@code options}. */
  public RunningMock start(MockOptions options) {
    return RunningMock.start(this, options);
  }

  // ---------------------------------------------------------------- accessors

  public List<Operation> operations() {
    return Collections.unmodifiableList(operations);
  }

  public int operationCount() {
    return operations.size();
  }

  /** Where the document came from (a file path or {@code classpath:openapi.yaml}). */
  public String source() {
    return doc.source();
  }

  OpenApiDocument document() {
    return doc;
  }

  Examples examples() {
    return examples;
  }

  Router router() {
    return router;
  }

  List<MockOperation> mockOperations() {
    return Collections.unmodifiableList(mockOperations);
  }

  // ---------------------------------------------------------------- building

  private Map<String, Map<String, MockOperation>> build() {
    JsonNode paths = doc.root().path("paths");
    Map<String, Map<String, MockOperation>> byTemplate = new LinkedHashMap<>();
    boolean globalBearer = requiresBearer(doc.root().path("security"));
    for (Iterator<Map.Entry<String, JsonNode>> pit = paths.fields(); pit.hasNext(); ) {
      Map.Entry<String, JsonNode> p = pit.next();
      String template = p.getKey();
      JsonNode pathItem = doc.deref(p.getValue());
      Map<String, MockOperation> byMethod = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = pathItem.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!METHODS.contains(e.getKey())) {
          continue;
        }
        String method = e.getKey().toUpperCase(Locale.ROOT);
        MockOperation op = operation(method, template, pathItem, doc.deref(e.getValue()), globalBearer);
        byMethod.put(method, op);
        mockOperations.add(op);
      }
      byTemplate.put(template, byMethod);
    }
    return byTemplate;
  }

  private MockOperation operation(String method, String template, JsonNode pathItem, JsonNode op,
      boolean globalBearer) {
    JsonNode responses = op.path("responses");
    List<String> keys = new ArrayList<>();
    responses.fieldNames().forEachRemaining(keys::add);
    String label = method + " " + template;
    if (keys.isEmpty()) {
      throw new IllegalStateException(label + " documents no responses");
    }
    String chosen = defaultKey(keys);
    Map<String, CannedResponse> canned = new LinkedHashMap<>();
    for (String k : keys) {
      canned.put(k, CannedResponse.build(doc, examples, k, statusOf(k), responses.get(k), label));
    }
    boolean bearer = op.has("security") ? requiresBearer(op.get("security")) : globalBearer;
    int invalid = keys.contains("400") ? 400 : keys.contains("422") ? 422 : 400;
    int mediaType = keys.contains("415") ? 415 : invalid;
    List<String> requestTypes = new ArrayList<>();
    doc.deref(op.path("requestBody")).path("content").fieldNames().forEachRemaining(
        t -> requestTypes.add(t.toLowerCase(Locale.ROOT)));
    MockOperation mo = new MockOperation(method, template, op.path("operationId").asText(null),
        List.copyOf(keys), Collections.unmodifiableMap(canned), chosen, bearer, invalid, mediaType,
        List.copyOf(requestTypes), op.has("requestBody") || op.path("parameters").size() > 0
            || pathItem.path("parameters").size() > 0);
    operations.add(new Operation(method, template, mo.operationId(),
        mo.defaultResponse().status(), List.copyOf(keys)));
    return mo;
  }

  /** First 2xx, else 2XX, else default, else the first documented key. */
  private static String defaultKey(List<String> keys) {
    for (String k : keys) {
      if (k.matches("2\\d\\d")) {
        return k;
      }
    }
    for (String k : keys) {
      if (k.equalsIgnoreCase("2XX") || k.equals("default")) {
        return k;
      }
    }
    return keys.get(0);
  }

  private static int statusOf(String key) {
    if (key.matches("\\d{3}")) {
      return Integer.parseInt(key);
    }
    if (key.matches("[1-5][xX][xX]")) {
      return (key.charAt(0) - '0') * 100;
    }
    return 200; // default and unknown keys answer 200 unless Prefer: code= names another
  }

  /**
   * True when every alternative of a security requirement list needs a bearer scheme, i.e.
   * no alternative is empty ({@code {}} means "no credentials").
   */
  private boolean requiresBearer(JsonNode security) {
    if (!security.isArray() || security.isEmpty()) {
      return false;
    }
    for (JsonNode requirement : security) {
      boolean bearer = false;
      for (Iterator<String> it = requirement.fieldNames(); it.hasNext(); ) {
        JsonNode scheme = doc.deref(doc.root().path("components").path("securitySchemes").path(it.next()));
        if ("http".equals(scheme.path("type").asText()) && "bearer".equalsIgnoreCase(scheme.path("scheme").asText())) {
          bearer = true;
        }
      }
      if (!bearer) {
        return false;
      }
    }
    return true;
  }
}
