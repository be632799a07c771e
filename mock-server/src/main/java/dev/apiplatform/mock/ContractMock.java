package dev.apiplatform.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds WireMock stubs for every operation of an OpenAPI 3.0 document, with no
 * per-operation code: a new path or group in the contract is mocked as soon as the
 * bundle contains it.
 *
 * <p>Per operation: a stub matching the method and the path template (parameters as
 * {@code [^/]+}; literal paths win over templated ones by priority) answering the first
 * documented 2xx with its example; stubs for {@code Prefer: code=NNN} serving any other
 * documented status; a 400 problem when NNN is not documented. Per path: 405 for
 * undocumented methods. Globally: CORS preflight, and a lowest-priority 404 problem for
 * everything else. Every response gets {@code X-Request-ID} and
 * {@code Access-Control-Allow-Origin: *} from {@link ContractResponseTransformer}.
 */
public final class ContractMock {

  /** Classpath resource of the bundled contract (root of the {@code contract} jar). */
  public static final String DEFAULT_SPEC_RESOURCE = "openapi.yaml";

  static final String JSON_PROBLEM = "application/problem+json";
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
  private final ResponseStubs responseStubs;
  private final List<Operation> operations = new ArrayList<>();
  private final List<StubMapping> stubs = new ArrayList<>();

  private ContractMock(OpenApiDocument doc) {
    this.doc = doc;
    this.responseStubs = new ResponseStubs(doc, new Examples(doc));
    build();
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

  /**
   * Starts a mock of {@code specOrNull} (null: the classpath bundle) on {@code port}
   * (0: a free port), all interfaces.
   */
  public static RunningMock start(int port, Path specOrNull) {
    return load(specOrNull).start(port);
  }

  /** Starts this mock on {@code port} (0: a free port). */
  public RunningMock start(int port) {
    WireMockServer server = new WireMockServer(options(port));
    server.start();
    try {
      registerOn(server);
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return new RunningMock(server, this);
  }

  /**
   * WireMock options this mock needs (the global {@link ContractResponseTransformer});
   * plain HTTP/1.1, quiet console. Adjust further before creating your own server.
   */
  public static WireMockConfiguration options(int port) {
    return WireMockConfiguration.options()
        .port(port)
        .http2PlainDisabled(true)
        .http2TlsDisabled(true)
        .templatingEnabled(false)
        .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
        .maxRequestJournalEntries(1000)
        .notifier(new ConsoleNotifier(false))
        .extensions(new ContractResponseTransformer());
  }

  /** Adds every stub to a server created with {@link #options(int)} (or with the transformer). */
  public void registerOn(WireMockServer server) {
    for (StubMapping stub : stubs) {
      server.addStubMapping(stub);
    }
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

  /** The generated stubs (WireMock picks the matching one with the lowest priority number). */
  public List<StubMapping> stubMappings() {
    return Collections.unmodifiableList(stubs);
  }

  // ---------------------------------------------------------------- stub generation

  private void build() {
    JsonNode paths = doc.root().path("paths");
    List<String> templates = new ArrayList<>();
    paths.fieldNames().forEachRemaining(templates::add);
    List<String> bySpecificity = new ArrayList<>(templates);
    bySpecificity.sort(PathTemplates.SPECIFICITY);

    // 1: CORS preflight, before anything else
    stubs.add(request("OPTIONS", anyUrl())
        .atPriority(1)
        .withHeader("Access-Control-Request-Method", matching(".+"))
        .willReturn(aResponse().withStatus(204)
            .withTransformerParameters(Map.of(ContractResponseTransformer.KIND, "preflight")))
        .build());

    for (String template : templates) {
      JsonNode pathItem = doc.deref(paths.get(template));
      int base = 10 + 10 * bySpecificity.indexOf(template);
      String regex = PathTemplates.regex(template);
      List<String> allowed = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = pathItem.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!METHODS.contains(e.getKey())) {
          continue;
        }
        String method = e.getKey().toUpperCase(Locale.ROOT);
        allowed.add(method);
        addOperation(method, template, regex, e.getValue(), base);
      }
      // 405 for methods no operation matching the path documents (below every operation
      // stub, so DELETE /items/special still reaches DELETE /items/{id}); OPTIONS without
      // preflight headers: 204 + Allow
      stubs.add(any(urlPathMatching(regex))
          .atPriority(10 + 10 * templates.size() + 1 + bySpecificity.indexOf(template))
          .willReturn(aResponse().withStatus(405)
              .withHeader("Content-Type", JSON_PROBLEM)
              .withHeader("Allow", String.join(", ", allowed))
              .withTransformerParameters(Map.of(
                  ContractResponseTransformer.KIND, "method-not-allowed",
                  ContractResponseTransformer.PATH, template,
                  ContractResponseTransformer.ALLOW, String.join(", ", allowed))))
          .build());
    }

    // lowest priority: 404 problem
    stubs.add(any(anyUrl())
        .atPriority(10 + 10 * templates.size() + 1 + templates.size() + 10)
        .willReturn(aResponse().withStatus(404)
            .withHeader("Content-Type", JSON_PROBLEM)
            .withTransformerParameters(Map.of(ContractResponseTransformer.KIND, "not-found")))
        .build());
  }

  private void addOperation(String method, String template, String regex, JsonNode opNode,
      int base) {
    JsonNode op = doc.deref(opNode);
    JsonNode responses = op.path("responses");
    List<String> keys = new ArrayList<>();
    responses.fieldNames().forEachRemaining(keys::add);
    String label = method + " " + template;
    if (keys.isEmpty()) {
      throw new IllegalStateException(label + " documents no responses");
    }

    // the default answer: first 2xx, else 2XX, else default, else the first documented status
    String chosen = null;
    int status = 200;
    for (String k : keys) {
      if (k.matches("2\\d\\d")) {
        chosen = k;
        status = Integer.parseInt(k);
        break;
      }
    }
    if (chosen == null) {
      for (String k : keys) {
        if (k.equalsIgnoreCase("2XX") || k.equals("default")) {
          chosen = k;
          break;
        }
      }
    }
    if (chosen == null) {
      chosen = keys.get(0);
      status = chosen.matches("\\d{3}") ? Integer.parseInt(chosen) : 200;
    }

    MappingBuilder plain = request(method, urlPathMatching(regex)).atPriority(base + 5);
    stubs.add(plain.willReturn(responseStubs.of(status, responses.get(chosen), label)).build());

    // Prefer: code=NNN
    boolean hasDefault = false;
    for (String k : keys) {
      if (k.matches("\\d{3}")) {
        int code = Integer.parseInt(k);
        stubs.add(request(method, urlPathMatching(regex))
            .atPriority(base + 1)
            .withHeader("Prefer", matching(preferCode(k)))
            .willReturn(responseStubs.of(code, responses.get(k), label)
                .withHeader("Preference-Applied", "code=" + code))
            .build());
      } else if (k.matches("[1-5][xX][xX]")) {
        stubs.add(request(method, urlPathMatching(regex))
            .atPriority(base + 2)
            .withHeader("Prefer", matching(preferCode(k.charAt(0) + "\\d\\d")))
            .willReturn(responseStubs.of(Integer.parseInt(k.charAt(0) + "00"), responses.get(k), label)
                .withTransformerParameters(Map.of(ContractResponseTransformer.KIND, "prefer-status")))
            .build());
      } else if (k.equals("default")) {
        hasDefault = true;
        stubs.add(request(method, urlPathMatching(regex))
            .atPriority(base + 3)
            .withHeader("Prefer", matching(preferCode("[1-5]\\d\\d")))
            .willReturn(responseStubs.of(500, responses.get(k), label)
                .withTransformerParameters(Map.of(ContractResponseTransformer.KIND, "prefer-status")))
            .build());
      }
    }
    if (!hasDefault) {
      stubs.add(request(method, urlPathMatching(regex))
          .atPriority(base + 4)
          .withHeader("Prefer", matching(preferCode("\\d+")))
          .willReturn(aResponse().withStatus(400)
              .withHeader("Content-Type", JSON_PROBLEM)
              .withTransformerParameters(Map.of(
                  ContractResponseTransformer.KIND, "prefer-undocumented",
                  ContractResponseTransformer.OPERATION, label,
                  ContractResponseTransformer.DOCUMENTED, String.join(", ", keys))))
          .build());
    }
    operations.add(new Operation(method, template, op.path("operationId").asText(null), status,
        List.copyOf(keys)));
  }

  /** Prefer header value holding {@code code=<codeRegex>} among other preferences. */
  static String preferCode(String codeRegex) {
    return "(?is)(?:.*[\\s,;])?code\\s*=\\s*\"?(?:" + codeRegex + ")\"?(?:[\\s,;].*)?";
  }



}
