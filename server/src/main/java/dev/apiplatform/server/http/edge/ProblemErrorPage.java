package dev.apiplatform.server.http.edge;

import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.http.edge.EdgeProblems.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Grizzly's HTML error page (which prints the stack trace) for the errors Grizzly's server
 * filter answers itself: an exception thrown out of the Jersey container, a 413 over its own
 * post-size limit, the 503 while shutting down. The answer is a problem document; an exception is
 * logged with its stack trace under the error id the caller sees.
 */
final class ProblemErrorPage implements ErrorPageGenerator {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorPage.class);
  private final List<String[]> securityHeaders;

  ProblemErrorPage(List<String[]> securityHeaders) {
    this.securityHeaders = securityHeaders;
  }

  @Override
  public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
    Rejection r = exception == null
        ? Rejection.of(status, status >= 500 ? "The server could not answer this request" : reasonPhrase)
        : Rejection.of(500, "Something went wrong on our side. It has been logged.");
    if (exception != null) {
      LOG.error("Unhandled error below Jersey, error_id={}", r.requestId(), exception);
    }
    EdgeProblems.log(r, request.getMethod().getMethodString(), request.getRequestURI(), request.getRemoteAddr());
    request.getResponse().setStatus(r.status(), EdgeProblems.reason(r.status()));
    request.getResponse().setContentType(Problem.MEDIA_TYPE);
    request.getResponse().setCharacterEncoding(StandardCharsets.UTF_8.name());
    request.getResponse().setHeader(EdgeProblems.REQUEST_ID, r.requestId());
    for (String[] h : securityHeaders) request.getResponse().setHeader(h[0], h[1]);
    return new String(r.body(), StandardCharsets.UTF_8);
  }
}
