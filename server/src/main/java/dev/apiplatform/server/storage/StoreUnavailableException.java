package dev.apiplatform.server.storage;

/**
 * The store could not do what was asked (timeout, throttling, network, a transaction that kept
 * conflicting). Nothing is known to have been written, or the write is idempotent to repeat;
 * services usually answer 503 or 500.
 */
public class StoreUnavailableException extends StorageException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }

  @Override
  public Kind kind() {
    return Kind.UNAVAILABLE;
  }
}
