package dev.apiplatform.server.storage;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.ApiExceptionMapper;
import dev.apiplatform.server.error.ProblemType;
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
 * The one mapper of storage failures a service did not turn into its own answer, by
 * {@link StorageException#kind()}: a write that lost a race (409, the client can retry), a store
 * that did not answer (503 with Retry-After, logged with an id), data the code cannot read (500,
 * logged). The SDK's message stays in the log.
 */
public final class StorageExceptionMapper implements ExceptionMapper<StorageException> {

  private static final Logger LOG = LoggerFactory.getLogger(StorageExceptionMapper.class);

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(StorageException exception) {
    ApiException mapped = switch (exception.kind()) {
      case CONFLICT -> new ApiException(ProblemType.CONFLICT, "Conflict",
          "The data changed at the same time; retry the request");
      case UNAVAILABLE -> {
        String errorId = UUID.randomUUID().toString();
        LOG.error("Data store unavailable, error_id={}", errorId, exception);
        yield new ApiException(ProblemType.UNAVAILABLE, "Service unavailable",
            "The data store did not answer; retry shortly (error id " + errorId + ")", List.of(),
            Map.of("Retry-After", "2"));
      }
      case CORRUPT -> {
        String errorId = UUID.randomUUID().toString();
        LOG.error("Data store failure, error_id={}", errorId, exception);
        yield new ApiException(ProblemType.INTERNAL, "Internal server error",
            "Something went wrong on our side. It has been logged (ID " + errorId + ").");
      }
    };
    return ApiExceptionMapper.respond(mapped, uriInfo);
  }
}
