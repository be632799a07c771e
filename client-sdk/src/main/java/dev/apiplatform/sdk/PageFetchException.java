package dev.apiplatform.sdk;

import dev.apiplatform.client.ApiException;

/**
 * A page could not be fetched while iterating ({@link java.util.Iterator} cannot throw checked
 * exceptions). {@link #getCause()} is the {@link ApiException} (often a {@link ProblemException}).
 */
public final class PageFetchException extends RuntimeException {
  public PageFetchException(ApiException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized ApiException getCause() {
    return (ApiException) super.getCause();
  }
}
