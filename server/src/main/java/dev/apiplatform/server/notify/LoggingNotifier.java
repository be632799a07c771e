package dev.apiplatform.server.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every message, code included, to the log at INFO instead of sending it, so a developer
 * running {@code make run} can read the code in the console without an AWS account.
 *
 * <p><strong>Only ever constructed when {@code STAGE=dev}.</strong> In any other stage this
 * would put one-time codes into logs that other people can read, which makes them worthless.
 */
public final class LoggingNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingNotifier.class);

  @Override
  public void sendSms(String e164Phone, String text) {
    LOG.info("dev notifier: SMS to {}: {}", e164Phone, text);
  }

  @Override
  public void sendEmail(String to, String subject, String text) {
    LOG.info("dev notifier: email to {}, subject \"{}\":\n{}", to, subject, text);
  }
}
