package dev.apiplatform.server.storage;

import dev.apiplatform.server.error.ApiException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * How the resource repositories run a DynamoDB call: a failed condition goes back to the
 * repository (it means something: taken, stale, sold), any other SDK failure is logged and
 * becomes a 503 problem, so no SDK exception leaves a repository.
 */
public final class StoreCalls {

  private StoreCalls() {}

  public static <T> T dynamo(Logger log, String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (SdkException e) {
      log.error("{} failed", what, e);
      throw unavailable(what);
    }
  }

  public static ApiException unavailable(String what) {
    return new ApiException(503, "/problems/unavailable", "Service unavailable",
        what + ": the data store did not answer; retry shortly", List.of(), Map.of("Retry-After", "2"));
  }
}
