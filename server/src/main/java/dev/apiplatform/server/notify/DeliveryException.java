package dev.apiplatform.server.notify;

/**
 * A message could not be handed to the delivery service. The message never contains the
 * destination in clear or the message text, because it ends up in logs and error reports.
 */
public class DeliveryException extends RuntimeException {

  public DeliveryException(String message) {
    super(message);
  }

  public DeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
