package dev.apiplatform.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The answers every operation must document because the server's shared layers can give them,
 * whatever the group does (issue 17: a contract that omits one makes Schemathesis report an
 * undocumented status, and an operation without 429 escapes ApiRateLimitFilter, which limits
 * exactly the operations that document it):
 * <ul>
 *   <li>429, as the shared {@code TooManyRequests} response (or a group's own response declaring
 *       at least its headers, to name its own problem types): the API rate limit. Only a public
 *       {@code GET} marked {@code x-api-rate-limit: exempt} (probes, the contract, JWKS) may omit it,
 *       and a marked operation must not document it.
 *   <li>503, as the shared {@code ServiceUnavailable} response, wherever 429 is: the limit is
 *       counted in the data store, so no limited call can promise to outlive a store outage.
 *   <li>401 ({@code Unauthorized}) on every operation that requires the bearer token.
 *   <li>400 on every operation: the HTTP edge answers a malformed request (request line, a header
 *       name that is not a token, a bad {@code Content-Length}) before any resource runs, and
 *       validation and the strict JSON reader answer it for input.
 *   <li>413 and 415 on every operation with a body (body limit, content type).
 *   <li>404 on every operation with a path parameter (an unknown or someone else's id).
 *   <li>412 and 428 with an {@code If-Match} parameter; 422 with an {@code Idempotency-Key}.
 *   <li>every 4xx/5xx answers {@code application/problem+json} (an exempt probe's 503 is its report).
 * </ul>
 * Works on the bundle, where every {@code $ref} is local ({@code #/components/...}).
 */
final class ResponseRules {

  static final String EXEMPT_FIELD = "x-api-rate-limit";
  static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";
  static final String UNAUTHORIZED = "#/components/responses/Unauthorized";
  static final String SERVICE_UNAVAILABLE = "#/components/responses/ServiceUnavailable";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");

  private ResponseRules() {}

  /** One line per broken rule, naming the operation and what it lacks; empty when all hold. */
  static List<String> violations(JsonNode bundle) {
    List<String> out = new ArrayList<>();
    JsonNode documentSecurity = bundle.path("security");
    for (String path : Bundler.fieldNames(bundle.path("paths"))) {
      JsonNode item = bundle.path("paths").get(path);
      for (String method : Bundler.fieldNames(item)) {
        if (!METHODS.contains(method)) continue;
        JsonNode op = item.get(method);
        String where = method.toUpperCase() + " " + path + " (" + op.path("operationId").asText() + ")";
        check(bundle, where, method, path, item, op, op.has("security") ? op.get("security") : documentSecurity, out);
      }
    }
    return out;
  }

  private static void check(JsonNode bundle, String where, String method, String path, JsonNode item, JsonNode op,
      JsonNode security, List<String> out) {
    JsonNode responses = op.path("responses");
    boolean secured = false;
    for (JsonNode requirement : security) secured |= requirement.has("bearerAuth");
    boolean exempt = "exempt".equals(op.path(EXEMPT_FIELD).asText(null));

    if (exempt) {
      if (secured || !method.equals("get")) {
        out.add(where + ": only a public GET may be " + EXEMPT_FIELD + ": exempt (every other call is rate limited)");
      }
      if (responses.has("429")) out.add(where + ": is " + EXEMPT_FIELD + ": exempt but documents 429");
    } else {
      requireShared(bundle, responses, "429", TOO_MANY_REQUESTS, where, "the API rate limit applies to it", out);
      // the limit is counted in the shared data store, so a store outage reaches every limited call
      requireShared(bundle, responses, "503", SERVICE_UNAVAILABLE, where, "its rate limit is counted in the data store",
          out);
    }
    if (secured) requireShared(bundle, responses, "401", UNAUTHORIZED, where, "it requires a bearer token", out);

    boolean hasBody = op.has("requestBody");
    List<JsonNode> parameters = new ArrayList<>();
    for (JsonNode p : item.path("parameters")) parameters.add(resolve(bundle, p));
    for (JsonNode p : op.path("parameters")) parameters.add(resolve(bundle, p));
    require(responses, "400", where, "the edge answers a malformed request with 400", out);
    if (hasBody) {
      require(responses, "413", where, "it takes a body (size limit)", out);
      require(responses, "415", where, "it takes a body (content type)", out);
    }
    for (JsonNode p : parameters) {
      String in = p.path("in").asText();
      String name = p.path("name").asText();
      if (in.equals("path")) require(responses, "404", where, "path parameter '" + name + "' can name nothing", out);
      if (in.equals("header") && name.equalsIgnoreCase("If-Match")) {
        require(responses, "412", where, "If-Match can be stale", out);
        require(responses, "428", where, "If-Match can be missing", out);
      }
      if (in.equals("header") && name.equalsIgnoreCase("Idempotency-Key")) {
        require(responses, "422", where, "an Idempotency-Key can be reused with another body", out);
      }
    }
    for (String status : Bundler.fieldNames(responses)) {
      // a probe's 503 is its health report (which dependency is down), not a problem
      if (exempt || (!status.startsWith("4") && !status.startsWith("5"))) continue;
      JsonNode response = resolve(bundle, responses.get(status));
      if (!response.path("content").has("application/problem+json")) {
        out.add(where + ": " + status + " must answer application/problem+json");
      }
    }
  }

  private static void require(JsonNode responses, String status, String where, String why, List<String> out) {
    if (!responses.has(status)) out.add(where + ": documents no " + status + " (" + why + ")");
  }

  /**
   * The shared response, or a group's own one (to name its own problem types) that declares at
   * least the shared one's headers: those are what the shared layer sends.
   */
  private static void requireShared(JsonNode bundle, JsonNode responses, String status, String ref, String where,
      String why, List<String> out) {
    if (!responses.has(status)) {
      out.add(where + ": documents no " + status + " (" + why + ")");
      return;
    }
    if (ref.equals(responses.get(status).path("$ref").asText())) return;
    JsonNode own = resolve(bundle, responses.get(status));
    for (String header : Bundler.fieldNames(bundle.at(ref.substring(1)).path("headers"))) {
      if (!own.path("headers").has(header)) {
        out.add(where + ": " + status + " must be the shared response " + ref.substring(ref.lastIndexOf('/') + 1)
            + " or declare its header " + header + " (the shared layer sends it)");
      }
    }
  }

  /** Follows a local {@code #/components/<kind>/<name>} reference; other nodes as they are. */
  private static JsonNode resolve(JsonNode bundle, JsonNode node) {
    String ref = node.path("$ref").asText("");
    if (!ref.startsWith("#/")) return node;
    JsonNode target = bundle.at(ref.substring(1));
    return target.isMissingNode() ? node : target;
  }
}
