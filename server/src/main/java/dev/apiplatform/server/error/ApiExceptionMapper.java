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
    return respond(exception, uriInfo);
  }

  /** The response for a decided problem: its document plus its headers. */
  public static Response respond(ApiException exception, UriInfo uriInfo) {
    Response.ResponseBuilder builder = ProblemResponses.builder(exception.toProblem(), uriInfo);
    exception.headers().forEach(builder::header);
    return builder.build();
  }
}
