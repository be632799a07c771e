package dev.apiplatform.server.http.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.http.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operations whose body the edge takes differently from the platform default, as the
 * contract's {@code x-body} says (openapi/DECISIONS.md): {@code mode: stream} passes the body to
 * the resource as it arrives instead of collecting it first, under the operation's own limit
 * {@code max-bytes} (overridden by the setting named in {@code max-bytes-setting}) in place of
 * MAX_BODY_BYTES; a streamed body must carry a Content-Length. One table read by both the
 * Grizzly edge ({@link BodyAggregator}) and the Jersey size filter, so they cannot disagree.
 */
public final class BodyRoutes {

  /**
   * One operation's body rule.
   *
   * @param streamed the body is handed on chunk by chunk (the resource reads it as a stream)
   */
  public record Route(String method, String pathTemplate, String operationId, Pattern path, long maxBytes,
      boolean streamed) {}

  private static final BodyRoutes NONE = new BodyRoutes(List.of());
  private final List<Route> routes;

  private BodyRoutes(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  public static BodyRoutes none() {
    return NONE;
  }

  /** The contract's {@code x-body} rules, limits overridden from {@code env}. A malformed rule fails the start. */
  public static BodyRoutes from(Contract contract, Env env) {
    List<Route> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : contract.bodyRules().entrySet()) {
      String[] key = e.getKey().split(" ", 2);
      JsonNode rule = e.getValue();
      String mode = rule.path("mode").asText("");
      if (!mode.equals("stream") && !mode.equals("collect")) {
        throw new IllegalStateException("x-body of " + e.getKey() + ": mode must be stream or collect");
      }
      if (!rule.path("max-bytes").canConvertToLong()) {
        throw new IllegalStateException("x-body of " + e.getKey() + " has no max-bytes");
      }
      long max = rule.path("max-bytes").asLong();
      String setting = rule.path("max-bytes-setting").asText("");
      if (!setting.isEmpty()) max = env.longValue(setting, max, 1, Long.MAX_VALUE / 2);
      String operationId = contract.find(key[0], key[1]).operationId();
      out.add(new Route(key[0], key[1], operationId, template(key[1]), max, mode.equals("stream")));
    }
    return new BodyRoutes(out);
  }

  private static Pattern template(String pathTemplate) {
    StringBuilder regex = new StringBuilder();
    for (String part : pathTemplate.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  /** The rule of the operation this request is for, if it has one. {@code path} without its query. */
  public Optional<Route> match(String method, String path) {
    for (Route r : routes) {
      if (r.method().equalsIgnoreCase(method) && r.path().matcher(path).matches()) return Optional.of(r);
    }
    return Optional.empty();
  }

  /** The body limit of an operation by its id (a service checking a declared size against it). */
  public long maxBytes(String operationId) {
    return routes.stream().filter(r -> r.operationId().equals(operationId)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no x-body for " + operationId)).maxBytes();
  }

  public List<Route> routes() {
    return routes;
  }
}
