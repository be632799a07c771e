package dev.apiplatform.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bundled contract as the server sees it at run time: the bytes served at /openapi.yaml and
 * an index of its operations (method + path template → documented statuses, tag).
 */
public final class Contract {

  /**
   * @param secured the effective {@code security} (the operation's own, else the document's)
   *     names {@code bearerAuth}: the request must carry a valid access token
   */
  public record Operation(String method, String path, String operationId, String tag, List<Integer> statuses,
      boolean secured) {
    /** The first documented 2xx: what a successful call answers. */
    public int successStatus() {
      // a loop, not a stream: the contract status filter asks on every 200 (issue 15)
      for (int i = 0; i < statuses.size(); i++) {
        int s = statuses.get(i);
        if (s >= 200 && s < 300) return s;
      }
      return 200;
    }
  }

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");
  private static final String BEARER_SCHEME = "bearerAuth";

  /** Classpath resource of the bundle (the contract module's jar): the source of truth. */
  static final String YAML_RESOURCE = "openapi.yaml";

  /** The YAML text and the tree again, made on demand: neither is needed to start nor kept. */
  private final java.util.function.Supplier<byte[]> yaml;
  private final java.util.function.Supplier<ObjectNode> document;
  private volatile String served;
  private final String version;
  private final String title;
  private final Map<String, Operation> byKey;
  private final Set<String> tags;
  /** Each operation's {@code x-body} (how the edge takes its body), by {@link #key}. */
  private final Map<String, JsonNode> bodyRules;
  private final JsonNode schemas;

  private Contract(java.util.function.Supplier<byte[]> yaml, java.util.function.Supplier<ObjectNode> document,
      JsonNode root) {
    this.yaml = yaml;
    this.document = document;
    this.title = root.path("info").path("title").asText();
    this.version = root.path("info").path("version").asText();
    Map<String, Operation> ops = new TreeMap<>();
    Map<String, JsonNode> bodies = new TreeMap<>();
    Set<String> tagNames = new LinkedHashSet<>();
    JsonNode documentSecurity = root.path("security");
    root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
      if (!METHODS.contains(entry.getKey())) return;
      JsonNode op = entry.getValue();
      List<Integer> statuses = new ArrayList<>();
      op.path("responses").fieldNames().forEachRemaining(code -> {
        if (code.matches("\\d{3}")) statuses.add(Integer.parseInt(code));
      });
      String tag = op.path("tags").path(0).asText();
      tagNames.add(tag);
      String method = entry.getKey().toUpperCase();
      // OpenAPI: an operation without its own `security` inherits the document's; `[]` clears it.
      boolean secured = requiresBearer(op.has("security") ? op.get("security") : documentSecurity);
      if (op.has("x-body")) bodies.put(key(method, path.getKey()), op.get("x-body"));
      ops.put(key(method, path.getKey()),
          new Operation(method, path.getKey(), op.path("operationId").asText(), tag, List.copyOf(statuses), secured));
    }));
    this.byKey = Map.copyOf(ops);
    this.tags = Set.copyOf(tagNames);
    this.bodyRules = Map.copyOf(bodies);
    this.schemas = root.path("components").path("schemas");
  }

  /** The operations whose {@code x-body} says how the edge takes their body, by {@link #key}. */
  public Map<String, JsonNode> bodyRules() {
    return bodyRules;
  }

  /**
   * An extension of one property of a component schema ({@code x-max-json-chars} of
   * {@code HealthDataUpload.metrics}): limits the schema cannot state, read from the contract
   * so the server enforces what the contract documents. Missing is an error at start.
   */
  public long schemaLimit(String schema, String property, String extension) {
    JsonNode value = schemas.path(schema).path("properties").path(property).path(extension);
    if (!value.canConvertToLong()) {
      throw new IllegalStateException("the contract has no " + extension + " on " + schema + "." + property);
    }
    return value.asLong();
  }

  private static boolean requiresBearer(JsonNode requirements) {
    for (JsonNode requirement : requirements) {
      if (requirement.has(BEARER_SCHEME)) return true;
    }
    return false;
  }

  /** A contract from YAML text: for tests that need operations the bundle does not have (yet). */
  public static Contract fromYaml(String yaml) {
    byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
    try {
      return new Contract(() -> bytes, () -> parseYaml(bytes), parseYaml(bytes));
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("not a readable OpenAPI document", e.getCause());
    }
  }

  /**
   * The bundle packaged by the contract module (classpath resource {@code openapi.yaml}) with the
   * operations of every stage: what tests index; the server serves {@link #load(dev.apiplatform.server.config.Stage)}.
   */
  public static Contract load() {
    return new Contract(Contract::bundle, Contract::bundleTree, bundleTree());
  }

  /**
   * The bundle as served in {@code stage}: operations whose {@code x-stages} does not list the
   * stage (debug routes are {@code [dev]}) are removed from the index and from the served bytes,
   * so in prod they neither route (no resource is registered for them) nor appear in /openapi.yaml.
   * Operations without {@code x-stages} are in every stage. The bundle is read once, from its
   * JSON form (issue 15: start time, {@link ContractJson}).
   */
  public static Contract load(dev.apiplatform.server.config.Stage stage) {
    ObjectNode root = bundleTree();
    if (!withoutOtherStages(root, stage)) return new Contract(Contract::bundle, Contract::bundleTree, root);
    return new Contract(() -> writeYaml(inStage(stage)), () -> inStage(stage), root);
  }

  private static ObjectNode inStage(dev.apiplatform.server.config.Stage stage) {
    ObjectNode root = bundleTree();
    withoutOtherStages(root, stage);
    return root;
  }

  /** The bytes of the classpath's {@code openapi.yaml}: the source of truth. */
  static byte[] bundle() {
    byte[] bytes = resource(Contract.class.getClassLoader(), YAML_RESOURCE);
    if (bytes == null) {
      throw new IllegalStateException("openapi.yaml is not on the classpath: the contract module must be a dependency");
    }
    return bytes;
  }

  /**
   * The bundle's tree: from its JSON form when that was made from the {@code openapi.yaml} bytes
   * the classpath has now, else parsed from the YAML ({@link ContractJson#tree}). Never stale.
   */
  static ObjectNode bundleTree() {
    return ContractJson.tree(bundle());
  }

  static byte[] resource(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  static ObjectNode parseYaml(byte[] yaml) {
    try {
      return (ObjectNode) new YAMLMapper().readTree(yaml);
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("cannot read the contract", e);
    }
  }

  private static byte[] writeYaml(JsonNode root) {
    try {
      return new YAMLMapper().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot filter the contract by stage", e);
    }
  }

  /** Removes from {@code root} the operations {@code stage} does not list; whether any were. */
  static boolean withoutOtherStages(ObjectNode root,
      dev.apiplatform.server.config.Stage stage) {
    String name = stage.name().toLowerCase(java.util.Locale.ROOT);
    ObjectNode paths = (ObjectNode) root.path("paths");
    boolean changed = false;
    for (String path : iterableNames(paths)) {
      ObjectNode item = (ObjectNode) paths.get(path);
      for (String method : iterableNames(item)) {
        JsonNode stages = item.get(method).path("x-stages");
        if (!METHODS.contains(method) || !stages.isArray()) continue;
        boolean listed = false;
        for (JsonNode s : stages) listed |= s.asText().equals(name);
        if (!listed) {
          item.remove(method);
          changed = true;
        }
      }
      boolean hasOperation = false;
      for (String key : iterableNames(item)) hasOperation |= METHODS.contains(key);
      if (!hasOperation) paths.remove(path);
    }
    return changed;
  }

  private static List<String> iterableNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  public static String key(String method, String pathTemplate) {
    return method.toUpperCase() + " " + pathTemplate;
  }

  public Operation find(String method, String pathTemplate) {
    return byKey.get(key(method, pathTemplate));
  }

  public java.util.Collection<Operation> operations() {
    return byKey.values();
  }

  public Set<String> tags() {
    return tags;
  }

  public String yaml() {
    return new String(yaml.get(), StandardCharsets.UTF_8);
  }

  /**
   * What {@code GET /openapi.yaml} serves: the bundle with one relative server URL, so /docs "Try
   * it out" calls the address the page was opened at (127.0.0.1, another port, behind a proxy
   * with a path prefix) instead of the bundle's fixed {@code http://localhost:8080}. Clients
   * resolve {@code .} against the document's own URL.
   */
  public String servedYaml() {
    // built on first use: writing the whole bundle as YAML again cost start time (issue 15)
    String s = served;
    if (s == null) {
      synchronized (this) {
        if (served == null) {
          served = servedVersion(document.get());
        }
        s = served;
      }
    }
    return s;
  }

  /** {@code root} (a tree of its own, changed here) as served. */
  static String servedVersion(ObjectNode root) {
    root.putArray("servers").addObject()
        .put("url", ".")
        .put("description", "This server: the address this document was fetched from");
    try {
      return new YAMLMapper().writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the served contract", e);
    }
  }

  public String version() {
    return version;
  }

  public String title() {
    return title;
  }
}
