package dev.apiplatform.server.http;

import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The one per-request contract lookup: once a request is matched, its contract operation
 * (operation id, security, documented statuses) is set as a request property that every later
 * filter reads with {@link #of}: authentication, the auth rate limit and the success status.
 * The operation is computed once per resource method (the template join runs on the first
 * request only); after that a request costs one identity-map lookup.
 */
@Priority(Priorities.CONTRACT_OPERATION)
public final class OperationResolver implements ContainerRequestFilter {

  public static final String PROPERTY = Contract.Operation.class.getName();

  private final Contract contract;
  private final ConcurrentHashMap<ResourceMethod, Optional<Contract.Operation>> byMethod = new ConcurrentHashMap<>();

  @Context private ExtendedUriInfo uriInfo;

  public OperationResolver(Contract contract) {
    this.contract = contract;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    ResourceMethod method = uriInfo.getMatchedResourceMethod();
    if (method == null) return;
    Optional<Contract.Operation> operation = byMethod.get(method);
    if (operation == null) {
      operation = byMethod.computeIfAbsent(method,
          m -> Optional.ofNullable(contract.find(m.getHttpMethod(), ContractStatusFilter.template(uriInfo.getMatchedTemplates()))));
    }
    operation.ifPresent(op -> request.setProperty(PROPERTY, op));
  }

  /** The matched request's contract operation, or null (unmatched, or not in the contract). */
  public static Contract.Operation of(ContainerRequestContext request) {
    return (Contract.Operation) request.getProperty(PROPERTY);
  }
}
