package dev.apiplatform.server.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Builds the one shape every error response has. */
public final class ProblemResponses {

  private ProblemResponses() {}

  public static Response of(Problem problem, UriInfo uriInfo) {
    return builder(problem, uriInfo).build();
  }

  public static Response.ResponseBuilder builder(Problem problem, UriInfo uriInfo) {
    Problem withInstance = problem.instance() == null && uriInfo != null
        ? problem.withInstance("/" + uriInfo.getPath(false).replaceFirst("^/", ""))
        : problem;
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(withInstance);
  }
}
