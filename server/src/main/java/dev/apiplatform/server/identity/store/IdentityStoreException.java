package dev.apiplatform.server.identity.store;

import dev.apiplatform.server.storage.StorageException;
import dev.apiplatform.server.storage.StoreUnavailableException;

/**
 * Base of every failure the identity stores report. Stores never let an AWS SDK exception out:
 * expected outcomes become a subclass, anything else a {@link StoreUnavailableException}.
 */
public class IdentityStoreException extends StorageException {

  public IdentityStoreException(String message) {
    super(message);
  }

  public IdentityStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** For expected outcomes: no stack trace. */
  protected IdentityStoreException(String message, boolean expected) {
    super(message, expected);
  }
}
