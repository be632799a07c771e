package dev.apiplatform.mock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the operation for a method and path. Paths are tried most specific first
 * ({@link PathTemplates#SPECIFICITY}); a path that matches but does not document the method
 * lets a less specific one answer ({@code DELETE /items/special} reaches
 * {@code DELETE /items/{id}}); only when none documents it is the answer 405.
 */
final class Router {

  /** One path template: its pattern, parameter names and operations by method. */
  record Route(String template, Pattern regex, List<String> params, Map<String, MockOperation> byMethod) {
    String allow() {
      return String.join(", ", byMethod.keySet());
    }
  }

  /** The outcome: an operation with its path parameters, or the route for a 405, or neither (404). */
  record Match(MockOperation operation, Map<String, String> pathParams, Route methodNotAllowed) {}

  private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");
  private final List<Route> routes;

  Router(Map<String, Map<String, MockOperation>> operationsByTemplate) {
    List<String> templates = new ArrayList<>(operationsByTemplate.keySet());
    templates.sort(PathTemplates.SPECIFICITY);
    List<Route> list = new ArrayList<>();
    for (String t : templates) {
      List<String> names = new ArrayList<>();
      Matcher m = PARAM.matcher(t);
      while (m.find()) {
        names.add(m.group(1));
      }
      String regex = PathTemplates.regex(t).replace("[^/]+", "([^/]+)");
      list.add(new Route(t, Pattern.compile(regex), List.copyOf(names),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(operationsByTemplate.get(t)))));
    }
    this.routes = List.copyOf(list);
  }

  List<Route> routes() {
    return routes;
  }

  Match match(String method, String path) {
    Route firstMatching = null;
    for (Route r : routes) {
      Matcher m = r.params().isEmpty() ? null : r.regex().matcher(path);
      boolean matches = m == null ? r.template().equals(path) : m.matches();
      if (!matches) {
        continue;
      }
      MockOperation op = r.byMethod().get(method);
      if (op != null) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; m != null && i < r.params().size(); i++) {
          params.put(r.params().get(i), m.group(i + 1));
        }
        return new Match(op, params, null);
      }
      if (firstMatching == null) {
        firstMatching = r;
      }
    }
    return new Match(null, Map.of(), firstMatching);
  }
}
