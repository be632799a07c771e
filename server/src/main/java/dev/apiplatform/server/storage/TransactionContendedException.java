package dev.apiplatform.server.storage;

/**
 * A transaction cancelled only because other transactions kept touching the same items, on
 * every one of {@link Dynamo}'s attempts. Unhandled it is a 503; a repository whose contract
 * promises a 409 for a lost race (offers) catches it and says so.
 */
public final class TransactionContendedException extends StoreUnavailableException {

  public TransactionContendedException(String message, Throwable cause) {
    super(message, cause);
  }
}
