package dev.apiplatform.server.identity.store;

/**
 * The user changed since it was read (its {@code version} moved): optimistic locking refused the
 * write. Re-read and retry, or report a conflict.
 */
public final class StaleUserException extends IdentityStoreException {

  private final String userId;
  private final long expectedVersion;

  public StaleUserException(String userId, long expectedVersion) {
    super("User " + userId + " is no longer at version " + expectedVersion, true);
    this.userId = userId;
    this.expectedVersion = expectedVersion;
  }

  public String userId() {
    return userId;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  /** Unhandled, a lost race on the user: 409, the client can retry. */
  @Override
  public Kind kind() {
    return Kind.CONFLICT;
  }
}
