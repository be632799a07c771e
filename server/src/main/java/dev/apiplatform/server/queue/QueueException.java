package dev.apiplatform.server.queue;

/** The queue service failed or could not be reached; SDK exceptions never leave this package. */
public final class QueueException extends RuntimeException {
  public QueueException(String message, Throwable cause) {
    super(message, cause);
  }
}
