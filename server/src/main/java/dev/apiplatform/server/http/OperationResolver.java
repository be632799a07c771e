package dev.apiplatform.server.http;

import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * The one per-request contract lookup: once a request is matched, its contract operation
 * (operation id, security, documented statuses) is set as a request property that every later
 * filter reads with {@link #of}: authentication, the auth rate limit and the success status.
 *
 * <p>The table from resource method to operation is built once, when Jersey has finished its
 * resource model (this class also listens to the application's start). A request costs one
 * read of the routing context Jersey already holds (no {@code @Context} proxy) and one lookup in
 * an immutable identity map. A method missing from the table (none is expected) is resolved
 * from its matched templates once and remembered.
 */
@Priority(Priorities.CONTRACT_OPERATION)
public final class OperationResolver implements ContainerRequestFilter, ApplicationEventListener {

  public static final String PROPERTY = Contract.Operation.class.getName();

  private final Contract contract;
  private volatile Map<ResourceMethod, Contract.Operation> table = Map.of();
  private final ConcurrentHashMap<ResourceMethod, Optional<Contract.Operation>> late = new ConcurrentHashMap<>();
  private final AtomicLong misses = new AtomicLong();

  public OperationResolver(Contract contract) {
    this.contract = contract;
  }

  @Override
  public void onEvent(ApplicationEvent event) {
    boolean started = event.getType() == ApplicationEvent.Type.INITIALIZATION_APP_FINISHED
        || event.getType() == ApplicationEvent.Type.INITIALIZATION_FINISHED;
    if (!started || event.getResourceModel() == null || !table.isEmpty()) {
      return;
    }
    Map<ResourceMethod, Contract.Operation> built = new IdentityHashMap<>();
    for (Resource resource : event.getResourceModel().getResources()) {
      collect(resource, new ArrayList<>(), built);
    }
    table = built;
  }

  @Override
  public RequestEventListener onRequest(RequestEvent requestEvent) {
    return null; // no per-request events wanted
  }

  private void collect(Resource resource, List<String> parents, Map<ResourceMethod, Contract.Operation> out) {
    List<String> paths = new ArrayList<>(parents);
    if (resource.getPath() != null) paths.add(resource.getPath());
    String template = join(paths);
    for (ResourceMethod method : resource.getResourceMethods()) {
      Contract.Operation op = contract.find(method.getHttpMethod(), template);
      if (op != null) out.put(method, op);
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, paths, out);
    }
  }

  /** Templates from the root outwards, joined as the contract writes paths: "/items/{item_id}". */
  static String join(List<String> templates) {
    StringBuilder path = new StringBuilder();
    for (String t : templates) {
      for (String segment : t.split("/")) {
        if (!segment.isEmpty()) path.append('/').append(segment);
      }
    }
    return path.isEmpty() ? "/" : path.toString();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!(request instanceof ContainerRequest container)) return;
    ExtendedUriInfo uriInfo = container.getUriInfo();
    ResourceMethod method = uriInfo.getMatchedResourceMethod();
    if (method == null) return;
    Contract.Operation op = table.get(method);
    if (op == null) op = resolveLate(method, uriInfo);
    if (op != null) request.setProperty(PROPERTY, op);
  }

  // methods the start-time table does not know, and those not in the contract (docs, test resources)
  private Contract.Operation resolveLate(ResourceMethod method, ExtendedUriInfo uriInfo) {
    Optional<Contract.Operation> known = late.get(method);
    if (known == null) {
      misses.incrementAndGet();
      known = late.computeIfAbsent(method, m -> Optional.ofNullable(
          contract.find(m.getHttpMethod(), ContractStatusFilter.template(uriInfo.getMatchedTemplates()))));
    }
    return known.orElse(null);
  }

  /** How many resource methods had to be resolved after the start (for tests). */
  long lateResolutions() {
    return misses.get();
  }

  /** How many resource methods the start-time table maps to an operation (for tests). */
  int tableSize() {
    return table.size();
  }

  /** The matched request's contract operation, or null (unmatched, or not in the contract). */
  public static Contract.Operation of(ContainerRequestContext request) {
    return (Contract.Operation) request.getProperty(PROPERTY);
  }
}
