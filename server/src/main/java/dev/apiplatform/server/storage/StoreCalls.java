package dev.apiplatform.server.storage;

import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * How the resource repositories run a single DynamoDB call: a failed condition goes back to the
 * repository (it means something: taken, stale, sold), any other SDK failure becomes a
 * {@link StoreUnavailableException} (503 by {@link StorageExceptionMapper}, which logs it), so no
 * SDK exception leaves a repository.
 */
public final class StoreCalls {

  private StoreCalls() {}

  public static <T> T dynamo(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      throw new StoreUnavailableException(what + " failed: " + e.getMessage(), e);
    }
  }
}
