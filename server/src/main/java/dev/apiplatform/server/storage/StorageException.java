package dev.apiplatform.server.storage;

/**
 * Base of every failure a store or repository reports. No AWS SDK exception leaves a repository:
 * expected outcomes become a subclass the service turns into its own answer (a duplicate, a stale
 * version), and whatever a service lets through is mapped by {@link StorageExceptionMapper} by
 * its {@link #kind()}.
 */
public class StorageException extends RuntimeException {

  /** What an unhandled storage failure means to a client. */
  public enum Kind {
    /** The store did not answer or kept refusing (timeout, throttling, contention): 503, retry. */
    UNAVAILABLE,
    /** The write lost a race with another one: 409, the client can retry. */
    CONFLICT,
    /** Stored data the code cannot read: 500, logged. */
    CORRUPT
  }

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /** For expected outcomes: no stack trace. */
  protected StorageException(String message, boolean expected) {
    super(message, null, false, !expected);
  }

  public Kind kind() {
    return Kind.CORRUPT;
  }
}
