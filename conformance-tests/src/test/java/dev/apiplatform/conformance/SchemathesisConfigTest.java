package dev.apiplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code conformance-tests/schemathesis/schemathesis.toml} is sane before anything fuzzes: it parses,
 * every {@code [[operations]]} block names operations the bundled contract has, and it uses only keys
 * Schemathesis knows. Schemathesis refuses the whole file for one unknown key (and silently ignores a
 * misspelt check name or an operation id that matches nothing), which a merge of two engineers'
 * blocks can produce; this fails in the Maven build instead of after a platform start.
 *
 * <p>The key sets are those of Schemathesis 4.32.5's own config schema
 * ({@code schemathesis/config/schema.json}, the version requirements.txt pins) for the tables this
 * file uses; a table not listed here fails the test until its keys are added from that schema.
 */
class SchemathesisConfigTest {

  static final Path CONFIG = Path.of("schemathesis", "schemathesis.toml");

  static final Set<String> TOP = Set.of("color", "suppress-health-check", "seed", "max-failures", "max-time",
      "reports", "cache", "output", "baseline", "base-url", "origin", "servers", "parameters", "dictionaries",
      "generation", "checks", "phases", "fuzz", "auth", "operations", "project", "headers", "hooks", "proxy",
      "workers", "wait-for-schema", "continue-on-failure", "tls-verify", "rate-limit", "max-redirects",
      "max-stream-events", "request-timeout", "request-retries", "request-cert", "request-cert-key", "warnings",
      "analysis");
  static final Set<String> OPERATION = Set.of("auth", "checks", "continue-on-failure", "enabled", "exclude-by",
      "exclude-method", "exclude-method-regex", "exclude-name", "exclude-name-regex", "exclude-operation-id",
      "exclude-operation-id-regex", "exclude-path", "exclude-path-regex", "exclude-tag", "exclude-tag-regex",
      "generation", "headers", "include-by", "include-method", "include-method-regex", "include-name",
      "include-name-regex", "include-operation-id", "include-operation-id-regex", "include-path",
      "include-path-regex", "include-tag", "include-tag-regex", "max-redirects", "max-stream-events", "parameters",
      "phases", "proxy", "rate-limit", "request-cert", "request-cert-key", "request-retries", "request-timeout",
      "servers", "tls-verify", "warnings");
  static final Set<String> GENERATION = Set.of("allow-extra-parameters", "allow-x00", "codec", "database",
      "deterministic", "dictionaries", "exclude-header-characters", "graphql-allow-null", "max-examples", "maximize",
      "mode", "no-shrink", "unique-inputs", "with-security-parameters");
  static final Set<String> AUTH = Set.of("auto-signup", "basic", "dynamic", "openapi", "wfc");
  static final Set<String> WARNINGS = Set.of("enabled", "display", "fail-on", "low_valid_rate");
  static final Set<String> WARNING_NAMES = Set.of("missing_auth", "missing_test_data", "base_url_mismatch",
      "validation_mismatch", "missing_deserializer", "unused_openapi_auth", "unsupported_regex",
      "method_not_allowed", "constants_extraction", "unmatched_filter", "unresolvable_reference", "low_valid_rate",
      "rate_limited", "dictionary_mismatch", "timeout_units");
  /** Check name -> its keys ({@code [checks]} itself also takes {@code enabled}; max_response_time is a number). */
  static final Map<String, Set<String>> CHECKS = Map.ofEntries(
      Map.entry("not_a_server_error", Set.of("enabled", "expected-statuses")),
      Map.entry("positive_data_acceptance", Set.of("enabled", "expected-statuses")),
      Map.entry("negative_data_rejection", Set.of("enabled", "expected-statuses")),
      Map.entry("missing_required_header", Set.of("enabled", "expected-statuses")),
      Map.entry("response_schema_conformance", Set.of("enabled", "validate-formats")),
      Map.entry("status_code_conformance", Set.of("enabled")),
      Map.entry("content_type_conformance", Set.of("enabled")),
      Map.entry("response_headers_conformance", Set.of("enabled")),
      Map.entry("use_after_free", Set.of("enabled")),
      Map.entry("ensure_resource_availability", Set.of("enabled")),
      Map.entry("ignored_auth", Set.of("enabled")),
      Map.entry("object_level_authorization", Set.of("enabled")),
      Map.entry("unsupported_method", Set.of("enabled")),
      Map.entry("allow_header_conformance", Set.of("enabled")));
  static final Set<String> OPERATION_ID_KEYS = Set.of("include-operation-id", "exclude-operation-id");

  static JsonNode config;
  static Set<String> operationIds;

  @BeforeAll
  static void read() throws Exception {
    config = new TomlMapper().readTree(Files.readString(CONFIG));
    operationIds = Bundle.get().operations().stream().map(Bundle.Operation::operationId).collect(Collectors.toSet());
  }

  @Test
  void itParses_andHasOperationBlocks() {
    assertThat(config.isObject()).isTrue();
    assertThat(config.path("operations").isArray()).as("[[operations]] blocks").isTrue();
    assertThat(config.path("operations")).isNotEmpty();
  }

  @Test
  void everyOperationsBlock_namesOperationsOfTheBundledContract() {
    List<String> unknown = new ArrayList<>();
    int index = 0;
    for (JsonNode block : config.path("operations")) {
      boolean selects = false;
      for (String key : OPERATION_ID_KEYS) {
        JsonNode ids = block.path(key);
        if (ids.isMissingNode()) continue;
        selects = true;
        for (JsonNode id : ids.isArray() ? ids : List.of(ids)) {
          if (!id.isTextual() || !operationIds.contains(id.asText())) unknown.add("operations[" + index + "]." + key + " = " + id);
        }
      }
      assertThat(selects).as("operations[%d] selects by operation id (what this test can check): %s", index, block)
          .isTrue();
      index++;
    }
    assertThat(unknown).as("operation ids the bundled contract (%s) does not have", Bundle.get().file()).isEmpty();
  }

  @Test
  void onlyKeysSchemathesisKnows() {
    List<String> problems = new ArrayList<>();
    keys(config, "", TOP, problems);
    generation(config.path("generation"), "generation", problems);
    keys(config.path("auth"), "auth", AUTH, problems);
    warnings(config.path("warnings"), "warnings", problems);
    checks(config.path("checks"), "checks", problems);
    for (String table : List.of("phases", "fuzz", "output", "reports", "parameters", "dictionaries", "analysis")) {
      if (config.has(table)) problems.add("[" + table + "] is not known to this test: add its keys from schema.json");
    }
    int index = 0;
    for (JsonNode block : config.path("operations")) {
      String at = "operations[" + index++ + "]";
      keys(block, at, OPERATION, problems);
      generation(block.path("generation"), at + ".generation", problems);
      warnings(block.path("warnings"), at + ".warnings", problems);
      checks(block.path("checks"), at + ".checks", problems);
      for (String table : List.of("phases", "parameters", "auth")) {
        if (block.has(table)) problems.add(at + "." + table + " is not known to this test: add its keys from schema.json");
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void keys(JsonNode table, String at, Set<String> allowed, List<String> problems) {
    if (table.isMissingNode()) return;
    if (!table.isObject()) {
      problems.add(at + " is not a table");
      return;
    }
    table.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) problems.add((at.isEmpty() ? "" : at + ".") + k + ": unknown key");
    });
  }

  private static void generation(JsonNode table, String at, List<String> problems) {
    keys(table, at, GENERATION, problems);
  }

  private static void warnings(JsonNode value, String at, List<String> problems) {
    if (value.isMissingNode() || value.isBoolean()) return;
    if (value.isArray()) {
      names(value, at, problems);
      return;
    }
    keys(value, at, WARNINGS, problems);
    for (String list : List.of("display", "fail-on")) {
      if (value.path(list).isArray()) names(value.path(list), at + "." + list, problems);
    }
  }

  private static void names(JsonNode list, String at, List<String> problems) {
    list.forEach(n -> {
      if (!WARNING_NAMES.contains(n.asText())) problems.add(at + ": unknown warning " + n);
    });
  }

  private static void checks(JsonNode table, String at, List<String> problems) {
    if (table.isMissingNode()) return;
    table.fields().forEachRemaining(e -> {
      if (e.getKey().equals("enabled")) return;
      if (e.getKey().equals("max_response_time")) { // seconds, not a table
        if (!e.getValue().isNumber()) problems.add(at + ".max_response_time: not a number of seconds");
        return;
      }
      Set<String> allowed = CHECKS.get(e.getKey());
      if (allowed == null) problems.add(at + "." + e.getKey() + ": unknown check");
      else keys(e.getValue(), at + "." + e.getKey(), allowed, problems);
    });
  }
}
