package dev.apiplatform.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The bundled contract under test: its text and an index of its operations. */
final class Bundle {

  record Operation(String method, String path, String operationId, List<Integer> statuses, Pattern pattern, int literals) {
    String key() {
      return method + " " + path;
    }
  }

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
  private static Bundle instance;

  private final Path file;
  private final String yaml;
  private final List<Operation> operations;

  private Bundle(Path file) {
    this.file = file;
    try {
      this.yaml = Files.readString(file);
      JsonNode root = new YAMLMapper().readTree(yaml);
      List<Operation> ops = new ArrayList<>();
      root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
        if (!METHODS.contains(op.getKey())) return;
        List<Integer> statuses = new ArrayList<>();
        op.getValue().path("responses").fieldNames().forEachRemaining(s -> {
          if (s.matches("\\d{3}")) statuses.add(Integer.parseInt(s));
        });
        String template = path.getKey();
        String regex = "^" + Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q") + "$";
        int literals = template.replaceAll("\\{[^}/]+}", "").length();
        ops.add(new Operation(op.getKey().toUpperCase(), template, op.getValue().path("operationId").asText(),
            List.copyOf(statuses), Pattern.compile(regex), literals));
      }));
      ops.sort(Comparator.comparing(Operation::key));
      this.operations = List.copyOf(ops);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static synchronized Bundle get() {
    if (instance == null) {
      String location = System.getProperty("contract.bundle", "../contract/target/classes/openapi.yaml");
      instance = new Bundle(Path.of(location));
    }
    return instance;
  }

  Path file() {
    return file;
  }

  String yaml() {
    return yaml;
  }

  List<Operation> operations() {
    return operations;
  }

  /** The operation a concrete request path belongs to; literal segments win over templates. */
  Optional<Operation> match(String method, String path) {
    return operations.stream()
        .filter(op -> op.method().equals(method) && op.pattern().matcher(path).matches())
        .max(Comparator.comparingInt(Operation::literals));
  }
}
