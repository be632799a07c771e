package dev.apiplatform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the real contract documents the answers the shared layers can give
 * ({@link ResponseRules}), and the rules catch an operation that forgets one: a new group that
 * omits 429 fails here instead of silently escaping the API rate limit.
 */
class ContractResponsesTest {

  @Test
  void theRealContract_documentsEveryAnswerTheSharedLayersCanGive() {
    JsonNode bundle = new Bundler().bundle(Path.of("../openapi"));
    assertThat(ResponseRules.violations(bundle)).as("operations lacking responses the server can answer").isEmpty();
  }

  private static final String COMPONENTS = """
      components:
        responses:
          TooManyRequests:
            description: limited
            headers: {Retry-After: {schema: {type: integer}}}
            content: {application/problem+json: {schema: {type: object}}}
          OwnTooManyRequests:
            description: limited, with a problem type of the group's own
            headers: {Retry-After: {schema: {type: integer}}}
            content: {application/problem+json: {schema: {type: object}}}
          ServiceUnavailable:
            description: store down
            content: {application/problem+json: {schema: {type: object}}}
          Unauthorized:
            description: no token
            content: {application/problem+json: {schema: {type: object}}}
          Problem:
            description: a problem
            content: {application/problem+json: {schema: {type: object}}}
          Plain:
            description: not a problem
            content: {text/plain: {schema: {type: string}}}
        parameters:
          IfMatch: {name: If-Match, in: header, required: false, schema: {type: string}}
      """;

  private static List<String> violations(String method, String path, String operation) {
    String yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  " + path + ":\n    " + method + ":\n"
        + operation.indent(6) + COMPONENTS;
    try {
      return ResponseRules.violations(new YAMLMapper().readTree(yaml));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String OK = "'200': {description: ok}\n";
  private static final String LIMITED = "'429': {$ref: '#/components/responses/TooManyRequests'}\n"
      + "'503': {$ref: '#/components/responses/ServiceUnavailable'}\n";
  private static final String MALFORMED = "'400': {$ref: '#/components/responses/Problem'}\n";
  private static final String UNAUTHORIZED = "'401': {$ref: '#/components/responses/Unauthorized'}\n";

  private static String responses(String... entries) {
    return "responses:\n" + String.join("", entries).indent(2);
  }

  @Test
  void anOperationWithout429_isFlagged_unlessItIsAPublicGetMarkedExempt() {
    assertThat(violations("get", "/things", "security: []\n" + responses(OK, MALFORMED)))
        .hasSize(2).anyMatch(v -> v.contains("documents no 429")).anyMatch(v -> v.contains("documents no 503"));
    assertThat(violations("get", "/things", "security: []\n" + responses(OK, MALFORMED, LIMITED))).isEmpty();
    assertThat(violations("get", "/healthz", "security: []\nx-api-rate-limit: exempt\n" + responses(OK, MALFORMED))).isEmpty();
  }

  @Test
  void theExemption_isRefusedOnSecuredOrWritingOperations_andWithA429() {
    assertThat(violations("get", "/mine", "security: [{bearerAuth: []}]\nx-api-rate-limit: exempt\n"
        + responses(OK, MALFORMED, UNAUTHORIZED))).singleElement().asString().contains("only a public GET");
    assertThat(violations("delete", "/things", "security: []\nx-api-rate-limit: exempt\n" + responses(OK, MALFORMED)))
        .singleElement().asString().contains("only a public GET");
    assertThat(violations("get", "/x", "security: []\nx-api-rate-limit: exempt\n" + responses(OK, MALFORMED, LIMITED)))
        .singleElement().asString().contains("exempt but documents 429");
  }

  @Test
  void a429OfItsOwn_isFlagged_becauseTheServerSendsTheSharedOnesHeaders() {
    assertThat(violations("get", "/things", "security: []\n"
        + responses(OK, MALFORMED, "'429': {$ref: '#/components/responses/Problem'}\n",
            "'503': {$ref: '#/components/responses/ServiceUnavailable'}\n")))
        .singleElement().asString().contains("shared response TooManyRequests");
  }

  @Test
  void a429OfItsOwn_isAccepted_whenItDeclaresTheSharedOnesHeaders() {
    assertThat(violations("get", "/things", "security: []\n"
        + responses(OK, MALFORMED, "'429': {$ref: '#/components/responses/OwnTooManyRequests'}\n",
            "'503': {$ref: '#/components/responses/ServiceUnavailable'}\n"))).isEmpty();
  }

  @Test
  void aSecuredOperationWithout401_isFlagged() {
    assertThat(violations("get", "/mine", "security: [{bearerAuth: []}]\n" + responses(OK, MALFORMED, LIMITED)))
        .singleElement().asString().contains("documents no 401");
  }

  @Test
  void anOperationWithoutInput_needs400_too_becauseTheEdgeAnswersMalformedRequests() {
    assertThat(violations("get", "/things", "security: []\n" + responses(OK, LIMITED)))
        .singleElement().asString().contains("documents no 400");
  }

  @Test
  void aBody_needs400_413_and415() {
    List<String> found = violations("post", "/things", "security: []\nrequestBody: {content: {application/json: {}}}\n"
        + responses(OK, LIMITED));
    assertThat(found).hasSize(3).anyMatch(v -> v.contains("no 400")).anyMatch(v -> v.contains("no 413"))
        .anyMatch(v -> v.contains("no 415"));
  }

  @Test
  void aPathParameter_needs400and404_andIfMatch_needs412and428() {
    List<String> found = violations("patch", "/things/{id}", """
        security: []
        parameters:
          - {name: id, in: path, required: true, schema: {type: string}}
          - {$ref: '#/components/parameters/IfMatch'}
        """ + responses(OK, LIMITED, "'400': {$ref: '#/components/responses/Problem'}\n"));
    assertThat(found).hasSize(3).anyMatch(v -> v.contains("no 404")).anyMatch(v -> v.contains("no 412"))
        .anyMatch(v -> v.contains("no 428"));
  }

  @Test
  void anErrorResponseThatIsNotAProblem_isFlagged() {
    assertThat(violations("get", "/things", "security: []\n"
        + responses(OK, MALFORMED, LIMITED, "'502': {$ref: '#/components/responses/Plain'}\n")))
        .singleElement().asString().contains("502 must answer application/problem+json");
  }
}
