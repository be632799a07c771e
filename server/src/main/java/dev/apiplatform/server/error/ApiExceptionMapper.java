package dev.apiplatform.server.error;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/** One mapper for the whole family of deliberate failures. */
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(ApiException exception) {
    Response.ResponseBuilder builder = ProblemResponses.builder(exception.toProblem(), uriInfo);
    exception.headers().forEach(builder::header);
    return builder.build();
  }
}
