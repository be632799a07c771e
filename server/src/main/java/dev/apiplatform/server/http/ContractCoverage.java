package dev.apiplatform.server.http;

import java.util.List;
import java.util.Set;

/** Start-time proof that the server serves exactly the contract. */
public final class ContractCoverage {

  private ContractCoverage() {}

  /**
   * The registered resources must serve exactly the contract's operations, method and path
   * template alike: an operation without a handler would 404, and a handler the contract does not
   * know would escape the authentication filter, which secures by contract operation.
   */
  public static void check(Contract contract, List<Object> resources) {
    check(contract, resources, contract.tags());
  }

  /**
   * The same, over the operations of the given tags only: a platform started with a subset of
   * its groups (tests) serves exactly those groups' operations.
   */
  public static void check(Contract contract, List<Object> resources, Set<String> tags) {
    Set<String> served = new java.util.TreeSet<>();
    for (Object resource : resources) {
      for (Class<?> api : resource.getClass().getInterfaces()) {
        if (!api.getPackageName().equals("dev.apiplatform.server.api")) continue;
        jakarta.ws.rs.Path root = api.getAnnotation(jakarta.ws.rs.Path.class);
        for (java.lang.reflect.Method method : api.getMethods()) {
          String httpMethod = httpMethod(method);
          if (httpMethod == null) continue;
          jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
          String path = ((root == null ? "" : root.value()) + (sub == null ? "" : "/" + sub.value()))
              .replaceAll("/{2,}", "/");
          if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
          served.add(Contract.key(httpMethod, path.isEmpty() ? "/" : path));
        }
      }
    }
    Set<String> documented = new java.util.TreeSet<>();
    contract.operations().stream().filter(op -> tags.contains(op.tag()))
        .forEach(op -> documented.add(Contract.key(op.method(), op.path())));
    Set<String> missing = new java.util.TreeSet<>(documented);
    missing.removeAll(served);
    Set<String> extra = new java.util.TreeSet<>(served);
    extra.removeAll(documented);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new IllegalStateException("resources and contract disagree: no handler for " + missing
          + "; handlers the contract does not list: " + extra);
    }
  }

  private static String httpMethod(java.lang.reflect.Method method) {
    for (java.lang.annotation.Annotation a : method.getAnnotations()) {
      jakarta.ws.rs.HttpMethod http = a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
      if (http != null) return http.value();
    }
    return null;
  }

}
