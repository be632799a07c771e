package dev.apiplatform.server.identity.store;

/**
 * Base of every failure the identity stores report. Stores never let an AWS SDK exception out:
 * expected outcomes become a subclass, anything else a {@link StoreUnavailableException}.
 */
public class IdentityStoreException extends RuntimeException {

  public IdentityStoreException(String message) {
    super(message);
  }

  public IdentityStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** For expected outcomes: no stack trace. */
  protected IdentityStoreException(String message, boolean expected) {
    super(message, null, false, !expected);
  }
}
