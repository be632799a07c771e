package dev.apiplatform.server.notify;

import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.error.ProblemResponses;
import dev.apiplatform.server.error.ProblemType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SNS or SES refused or did not answer: the code could not be sent. A dependency outage, not a
 * bug of ours or the client's, so 503 with Retry-After; the client asks for a new code later.
 */
public final class DeliveryExceptionMapper implements ExceptionMapper<DeliveryException> {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryExceptionMapper.class);

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(DeliveryException exception) {
    String errorId = UUID.randomUUID().toString();
    // the exception's message names no destination or text (AwsNotifier builds it that way)
    LOG.error("Message delivery failed, error_id={}: {}", errorId, exception.getMessage());
    Problem problem = new Problem(ProblemType.DELIVERY_FAILED.uri(), "Message could not be sent", 503,
        "The code could not be sent just now; request a new one in a minute (error id " + errorId + ")",
        null, errorId, null);
    return ProblemResponses.builder(problem, uriInfo).header("Retry-After", "60").build();
  }
}
