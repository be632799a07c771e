package dev.apiplatform.server.error;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything nobody planned for: logged with an id, answered with that id and nothing else. */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable exception) {
    String errorId = UUID.randomUUID().toString();
    LOG.error("Unhandled error, error_id={}", errorId, exception);
    return ProblemResponses.of(Problems.internal(errorId), uriInfo);
  }
}
