package dev.apiplatform.server.notify;

/**
 * The one way the platform reaches a person outside the API: verification codes, password
 * resets, notices. Services depend on this interface only, so the {@code dev} stage can log
 * messages while production sends them through SNS / SES.
 *
 * <p>Both methods either hand the message to the delivery service or throw
 * {@link DeliveryException}; neither retries on its own, so the caller decides whether a failed
 * send fails the request.
 */
public interface Notifier {

  /** Sends {@code text} as a transactional SMS to a number in E.164 form ({@code +15551234567}). */
  void sendSms(String e164Phone, String text);

  /** Sends a plain-text email. {@code to} is expected to be already normalized. */
  void sendEmail(String to, String subject, String text);
}
