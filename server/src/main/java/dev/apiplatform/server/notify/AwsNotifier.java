package dev.apiplatform.server.notify;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Production delivery: SMS through SNS {@code Publish} to a phone number, email through SES v2
 * {@code SendEmail}.
 *
 * <p>Messages carry one-time codes, so the text is never logged and never put into an exception
 * message; logs get the masked destination and the provider's message id, which is what is
 * needed to trace a complaint through the AWS consoles.
 */
public final class AwsNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(AwsNotifier.class);

  // Transactional routes get priority and better delivery for codes than the default Promotional
  private static final Map<String, MessageAttributeValue> SMS_ATTRIBUTES = Map.of(
      "AWS.SNS.SMS.SMSType",
      MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build());
  private static final String UTF_8 = "UTF-8";

  private final SnsClient sns;
  private final SesV2Client ses;
  private final String fromAddress;

  public AwsNotifier(SnsClient sns, SesV2Client ses, String fromAddress) {
    this.sns = Objects.requireNonNull(sns, "sns");
    this.ses = Objects.requireNonNull(ses, "ses");
    if (fromAddress == null || fromAddress.isBlank()) {
      throw new IllegalArgumentException("fromAddress must be a verified SES identity");
    }
    this.fromAddress = fromAddress;
  }

  @Override
  public void sendSms(String e164Phone, String text) {
    String masked = Masking.phone(e164Phone);
    PublishRequest request = PublishRequest.builder()
        .phoneNumber(e164Phone)
        .message(text)
        .messageAttributes(SMS_ATTRIBUTES)
        .build();
    String messageId = call("SMS", masked, () -> sns.publish(request).messageId());
    LOG.info("SMS sent to {}, message id {}", masked, messageId);
  }

  @Override
  public void sendEmail(String to, String subject, String text) {
    String masked = Masking.email(to);
    SendEmailRequest request = SendEmailRequest.builder()
        .fromEmailAddress(fromAddress)
        .destination(Destination.builder().toAddresses(to).build())
        .content(EmailContent.builder()
            .simple(Message.builder()
                .subject(Content.builder().data(subject).charset(UTF_8).build())
                .body(Body.builder().text(Content.builder().data(text).charset(UTF_8).build()).build())
                .build())
            .build())
        .build();
    String messageId = call("email", masked, () -> ses.sendEmail(request).messageId());
    LOG.info("email sent to {}, message id {}", masked, messageId);
  }

  private static String call(String channel, String maskedDestination, Supplier<String> send) {
    try {
      return send.get();
    } catch (AwsServiceException e) {
      // The service's own message may echo request parameters (the number, the text), so keep
      // only the structured fields and drop the exception as cause: fallback mappers log causes.
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String detail = "HTTP " + e.statusCode() + (code == null ? "" : " " + code)
          + (e.requestId() == null ? "" : ", request id " + e.requestId());
      LOG.warn("{} to {} refused by the provider: {}", channel, maskedDestination, detail);
      throw new DeliveryException(channel + " delivery failed: " + detail);
    } catch (SdkException e) {
      // client-side failures (timeouts, connection refused) describe transport, not content
      LOG.warn("{} to {} could not reach the provider: {}", channel, maskedDestination,
          e.getClass().getSimpleName());
      throw new DeliveryException(channel + " delivery failed: " + e.getClass().getSimpleName(), e);
    }
  }
}
