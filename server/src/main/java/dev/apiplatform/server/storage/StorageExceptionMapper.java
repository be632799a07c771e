package dev.apiplatform.server.identity;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.ProblemResponses;
import dev.apiplatform.server.identity.store.DuplicateUserException;
import dev.apiplatform.server.identity.store.IdentityStoreException;
import dev.apiplatform.server.identity.store.StaleUserException;
import dev.apiplatform.server.identity.store.StoreUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store outcomes a service did not turn into its own answer: a write that lost a race (409, the
 * client can retry) or a store that did not answer (503 with Retry-After, logged with an id).
 */
public final class IdentityStoreExceptionMapper implements ExceptionMapper<IdentityStoreException> {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityStoreExceptionMapper.class);

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(IdentityStoreException exception) {
    ApiException mapped;
    if (exception instanceof StaleUserException || exception instanceof DuplicateUserException) {
      mapped = new ApiException(409, "/problems/conflict", "Conflict",
          "The account changed at the same time; retry the request");
    } else if (exception instanceof StoreUnavailableException) {
      String errorId = UUID.randomUUID().toString();
      LOG.error("Identity store unavailable, error_id={}", errorId, exception);
      mapped = new ApiException(503, "/problems/unavailable", "Service unavailable",
          "The user store did not answer; retry shortly (error id " + errorId + ")", List.of(), Map.of("Retry-After", "2"));
    } else {
      String errorId = UUID.randomUUID().toString();
      LOG.error("Identity store failure, error_id={}", errorId, exception);
      mapped = new ApiException(500, "/problems/internal", "Internal server error",
          "Something went wrong on our side. It has been logged (ID " + errorId + ").");
    }
    Response.ResponseBuilder builder = ProblemResponses.builder(mapped.toProblem(), uriInfo);
    mapped.headers().forEach(builder::header);
    return builder.build();
  }
}
