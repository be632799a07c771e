package dev.apiplatform.server.error;

import dev.apiplatform.server.domain.DomainException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Every refusal a service makes, answered by its row in {@link ProblemTable}. */
public final class DomainExceptionMapper implements ExceptionMapper<DomainException> {

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(DomainException refusal) {
    return ApiExceptionMapper.respond(ProblemTable.map(refusal), uriInfo);
  }
}
