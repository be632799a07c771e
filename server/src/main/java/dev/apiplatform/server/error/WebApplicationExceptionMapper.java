package dev.apiplatform.server.error;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jersey's own failures (unknown path 404, 405, 406, 415, bad parameter 400/404) become problem
 * documents. A response that already carries an entity was built on purpose (for example the
 * health check's 503 with its body) and passes through unchanged.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(WebApplicationException exception) {
    if (exception instanceof ParamException param) {
      return ProblemResponses.of(Problems.validation(List.of(unconvertible(param))), uriInfo);
    }
    Response original = exception.getResponse();
    if (original.hasEntity()) {
      return original;
    }
    int status = original.getStatus();
    if (exception instanceof org.glassfish.jersey.server.ParamException.QueryParamException q) {
      // JAX-RS answers 404 for a query value it cannot convert ("limit=null"): the path exists,
      // the value is wrong, so it is the validation 400 naming the parameter
      return ProblemResponses.builder(ProblemTable.map(new dev.apiplatform.server.domain.InvalidField(
          "query." + q.getParameterName(), "is not a value of the parameter's type", "type")).toProblem(), uriInfo)
          .build();
    }
    if (status >= 500) {
      LOG.warn("HTTP layer answered {}: {}", status, exception.toString());
    }
    Response.ResponseBuilder builder = ProblemResponses.builder(Problems.forStatus(status, detailFor(status)), uriInfo);
    String allow = original.getHeaderString(HttpHeaders.ALLOW);
    if (allow != null) builder.header(HttpHeaders.ALLOW, allow);
    String retryAfter = original.getHeaderString(HttpHeaders.RETRY_AFTER);
    if (retryAfter != null) builder.header(HttpHeaders.RETRY_AFTER, retryAfter);
    String challenge = original.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
    if (challenge != null) builder.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
    return builder.build();
  }

  /**
   * A parameter whose text does not convert to its declared type ({@code max_price=false},
   * {@code page=2738691120} for an int32). JAX-RS answers 404 for query and path parameters; for
   * the client it is a malformed request, named like every other field error.
   */
  private static Problem.FieldError unconvertible(ParamException param) {
    Class<?> kind = param.getParameterType();
    String location = kind == QueryParam.class ? "query" : kind == PathParam.class ? "path"
        : kind == HeaderParam.class ? "header" : kind == CookieParam.class ? "cookie" : "body";
    return new Problem.FieldError(location + "." + param.getParameterName(),
        "must be a value of the parameter's type", "type");
  }

  /** Fixed sentences: Jersey's messages can name Java types, which clients have no use for. */
  private static String detailFor(int status) {
    return switch (status) {
      case 400 -> "The request is malformed";
      case 404 -> "No resource at this path";
      case 405 -> "This method is not supported on this resource; see the Allow header";
      case 406 -> "None of the media types in Accept can be produced for this resource";
      case 415 -> "The request's Content-Type is not supported by this operation";
      default -> "The request could not be processed";
    };
  }
}
