package dev.apiplatform.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Merges the resource-group files of {@code openapi/} into one self-contained OpenAPI document.
 *
 * <p>{@code platform.yaml} gives the document-level fields (openapi, info, servers); every other
 * {@code *.yaml} in the folder is a group whose paths, tags and referenced components are merged.
 * External references ({@code ./shared/problem.yaml#/components/schemas/Problem}) become internal
 * ones ({@code #/components/schemas/Problem}) and pull their target in, transitively. Only the
 * components some operation reaches are bundled.
 *
 * <p>The build fails (a {@link BundleException}) on: the same method and path in two places, the
 * same operationId twice, one component name defined twice with different content, a reference
 * that does not resolve, and operations that break the house rules (one tag declared by the
 * group, an operationId of the form {@code group_verb}, a summary, an explicit {@code security},
 * at least one 2xx response).
 */
public final class Bundler {

  static final String ROOT_FILE = "platform.yaml";
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Pattern COMPONENT_REF = Pattern.compile("^#/components/([A-Za-z]+)/([A-Za-z0-9._-]+)$");

  private final Documents documents = new Documents();
  private final Map<String, Map<String, JsonNode>> components = new TreeMap<>();
  private final Map<String, Target> componentOrigins = new LinkedHashMap<>();
  private final Set<Target> pulled = new HashSet<>();

  /** A component in a given file. */
  record Target(Path file, String kind, String name) {
    String internalRef() {
      return "#/components/" + kind + "/" + name;
    }

    @Override
    public String toString() {
      return file.getFileName() + "#/components/" + kind + "/" + name;
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: Bundler <openapi-dir> <output-file>");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    try {
      ObjectNode bundle = new Bundler().bundle(Path.of(args[0]));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, Documents.toYaml(bundle));
      System.out.printf("[contract] bundled %d operations into %s%n", countOperations(bundle), out);
      Path async = AsyncApiBundle.write(Path.of(args[0]), out);
      if (async != null) System.out.printf("[contract] checked %s into %s%n", async.getFileName(), AsyncApiBundle.OUTPUT);
    } catch (BundleException e) {
      System.err.println("[contract] bundle failed: " + e.getMessage());
      throw e;
    }
  }

  static int countOperations(JsonNode bundle) {
    int n = 0;
    for (JsonNode pathItem : iterable(bundle.path("paths"))) {
      for (String key : fieldNames(pathItem)) {
        if (METHODS.contains(key)) n++;
      }
    }
    return n;
  }

  public ObjectNode bundle(Path dir) {
    Path rootFile = dir.resolve(ROOT_FILE);
    if (!Files.isRegularFile(rootFile)) {
      throw new BundleException("missing " + rootFile);
    }
    JsonNode root = documents.load(rootFile);
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.set("openapi", required(root, "openapi", rootFile));
    out.set("info", required(root, "info", rootFile));
    if (root.has("servers")) out.set("servers", root.get("servers"));
    ArrayNode tags = out.putArray("tags");
    ObjectNode paths = out.putObject("paths");

    Map<String, Path> operationsByKey = new LinkedHashMap<>();
    Map<String, Path> operationIds = new LinkedHashMap<>();
    Map<String, Path> tagOrigins = new LinkedHashMap<>();
    for (Path group : groupFiles(dir)) {
      JsonNode doc = documents.load(group);
      String version = doc.path("openapi").asText("");
      if (!version.startsWith("3.0.")) {
        throw new BundleException(group.getFileName() + ": openapi must be 3.0.x, found '" + version + "'");
      }
      Set<String> groupTags = new HashSet<>();
      for (JsonNode tag : iterable(doc.path("tags"))) {
        String name = tag.path("name").asText();
        groupTags.add(name);
        Path previous = tagOrigins.putIfAbsent(name, group);
        if (previous != null) {
          throw new BundleException("tag '" + name + "' declared by both " + previous.getFileName()
              + " and " + group.getFileName() + ": one tag per group");
        }
        tags.add(tag);
      }
      for (String path : fieldNames(doc.path("paths"))) {
        JsonNode pathItem = doc.path("paths").get(path);
        if (pathItem.has("$ref")) {
          throw new BundleException(group.getFileName() + ": path item " + path + " must not be a $ref");
        }
        ObjectNode target = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
        for (String key : fieldNames(pathItem)) {
          JsonNode value = pathItem.get(key);
          if (METHODS.contains(key)) {
            String opKey = key.toUpperCase() + " " + path;
            Path previous = operationsByKey.putIfAbsent(opKey, group);
            if (previous != null) {
              throw new BundleException("duplicate operation " + opKey + " in " + previous.getFileName()
                  + " and " + group.getFileName());
            }
            String operationId = OperationRules.check(group, opKey, value, groupTags);
            Path previousId = operationIds.putIfAbsent(operationId, group);
            if (previousId != null) {
              throw new BundleException("duplicate operationId '" + operationId + "' in "
                  + previousId.getFileName() + " and " + group.getFileName());
            }
            pullSecuritySchemes(group, doc, value, opKey);
          } else if (target.has(key) && !target.get(key).equals(normalize(value, group))) {
            throw new BundleException(group.getFileName() + ": path " + path + " field '" + key
                + "' differs from another group's definition of the same path");
          }
          pullReferences(value, group);
          target.set(key, normalize(value, group));
        }
      }
    }
    if (paths.isEmpty()) {
      throw new BundleException("no operations found in " + dir);
    }
    ObjectNode componentsNode = out.putObject("components");
    components.forEach((kind, byName) -> {
      ObjectNode kindNode = componentsNode.putObject(kind);
      new TreeMap<>(byName).forEach(kindNode::set);
    });
    return out;
  }

  private static List<Path> groupFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .filter(p -> !p.getFileName().toString().equals(ROOT_FILE))
          .filter(p -> !AsyncApiBundle.isAsyncApi(p))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new BundleException("cannot list " + dir + ": " + e.getMessage());
    }
  }

  private void pullSecuritySchemes(Path group, JsonNode doc, JsonNode op, String opKey) {
    for (JsonNode requirement : iterable(op.path("security"))) {
      for (String scheme : fieldNames(requirement)) {
        JsonNode definition = doc.path("components").path("securitySchemes").get(scheme);
        if (definition == null) {
          throw new BundleException(group.getFileName() + " " + opKey + ": security scheme '" + scheme
              + "' is not declared in the group's components.securitySchemes");
        }
        pull(canonical(new Target(group, "securitySchemes", scheme)));
      }
    }
  }

  /** A copy of {@code node} with every $ref rewritten to its bundle-internal form. */
  private JsonNode normalize(JsonNode node, Path file) {
    if (node.isObject()) {
      ObjectNode copy = Documents.MAPPER.createObjectNode();
      for (String key : fieldNames(node)) {
        JsonNode value = node.get(key);
        if (key.equals("$ref") && value.isTextual()) {
          copy.put("$ref", canonical(resolve(value.asText(), file)).internalRef());
        } else {
          copy.set(key, normalize(value, file));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Documents.MAPPER.createArrayNode();
      node.forEach(item -> copy.add(normalize(item, file)));
      return copy;
    }
    return node;
  }

  /** Pulls every component that {@code node} (found in {@code file}) refers to. */
  private void pullReferences(JsonNode node, Path file) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        pull(canonical(resolve(ref.asText(), file)));
      }
      for (String key : fieldNames(node)) {
        if (!key.equals("$ref")) pullReferences(node.get(key), file);
      }
    } else if (node.isArray()) {
      node.forEach(item -> pullReferences(item, file));
    }
  }

  private void pull(Target target) {
    if (!pulled.add(target)) return;
    JsonNode content = documents.component(target);
    JsonNode normalized = normalize(content, target.file());
    Map<String, JsonNode> byName = components.computeIfAbsent(target.kind(), k -> new LinkedHashMap<>());
    JsonNode existing = byName.get(target.name());
    if (existing == null) {
      byName.put(target.name(), normalized);
      componentOrigins.put(target.kind() + "/" + target.name(), target);
    } else if (!existing.equals(normalized)) {
      throw new BundleException(target.kind() + " '" + target.name() + "' is defined twice differently: in "
          + componentOrigins.get(target.kind() + "/" + target.name()) + " and in " + target);
    }
    pullReferences(content, target.file());
  }

  /** Follows components that are nothing but a $ref to their final definition. */
  private Target canonical(Target target) {
    Set<Target> seen = new HashSet<>();
    Target current = target;
    while (true) {
      if (!seen.add(current)) {
        throw new BundleException("reference cycle through " + current);
      }
      JsonNode content = documents.component(current);
      if (content.size() == 1 && content.has("$ref")) {
        Target next = resolve(content.get("$ref").asText(), current.file());
        if (!next.kind().equals(current.kind())) {
          throw new BundleException(current + " refers to a different kind of component: " + next);
        }
        current = next;
      } else {
        return current;
      }
    }
  }

  private Target resolve(String ref, Path from) {
    int hash = ref.indexOf('#');
    if (hash < 0) {
      throw new BundleException(from.getFileName() + ": $ref '" + ref + "' must point into #/components/<kind>/<name>");
    }
    String filePart = ref.substring(0, hash);
    Path file = filePart.isEmpty() ? from : from.toAbsolutePath().getParent().resolve(filePart).normalize();
    var m = COMPONENT_REF.matcher(ref.substring(hash));
    if (!m.matches()) {
      throw new BundleException(from.getFileName() + ": $ref '" + ref + "' must point at a whole component (#/components/<kind>/<name>)");
    }
    return new Target(file.toAbsolutePath().normalize(), m.group(1), m.group(2));
  }

  private static JsonNode required(JsonNode node, String field, Path file) {
    JsonNode value = node.get(field);
    if (value == null) throw new BundleException(file.getFileName() + ": missing '" + field + "'");
    return value;
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static Iterable<JsonNode> iterable(JsonNode node) {
    return node::elements;
  }
}
