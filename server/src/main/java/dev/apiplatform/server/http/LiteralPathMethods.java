package dev.apiplatform.server.http;

import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An undeclared method on a literal contract path is 405 with Allow. Without this, JAX-RS
 * matching falls through to a sibling template: {@code DELETE /api/v1/echoes/random} would be
 * routed to {@code DELETE /api/v1/echoes/{echo_id}} and answer 400 for the id's pattern, although
 * "random" names its own resource. Only paths without a template are listed; the rest is Jersey's.
 */
@PreMatching
@Priority(Priorities.LITERAL_PATH_METHODS)
public final class LiteralPathMethods implements ContainerRequestFilter {

  private final Map<String, Set<String>> methodsByPath = new HashMap<>();

  public LiteralPathMethods(Contract contract) {
    for (Contract.Operation op : contract.operations()) {
      if (op.path().indexOf('{') >= 0) continue;
      Set<String> methods = methodsByPath.computeIfAbsent(op.path().substring(1), p -> new TreeSet<>());
      methods.add(op.method());
      if (op.method().equals("GET")) methods.add("HEAD");
    }
    methodsByPath.values().forEach(m -> m.add("OPTIONS"));
  }

  @Override
  public void filter(ContainerRequestContext request) {
    // keyed without the leading slash: no string is built for the lookup on a request's usual path
    String path = request.getUriInfo().getPath(true);
    Set<String> allowed = methodsByPath.get(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    if (allowed == null || allowed.contains(request.getMethod())) return;
    String[] methods = allowed.toArray(String[]::new);
    throw new NotAllowedException(methods[0], java.util.Arrays.copyOfRange(methods, 1, methods.length));
  }
}
