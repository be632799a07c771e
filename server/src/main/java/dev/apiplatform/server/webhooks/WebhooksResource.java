package dev.apiplatform.server.webhooks;

import dev.apiplatform.server.api.WebhooksApi;
import dev.apiplatform.server.api.model.EventReceiptDto;
import dev.apiplatform.server.api.model.StravaChallengeDto;
import dev.apiplatform.server.api.model.StravaEventDto;
import java.util.Map;

/** /webhooks/*: the senders are authenticated by {@link WebhookService} and {@link TwilioSignatureFilter}. */
public final class WebhooksResource implements WebhooksApi {

  private final WebhookService strava;
  private final SmsCommands sms;

  WebhooksResource(WebhookService strava, SmsCommands sms) {
    this.strava = strava;
    this.sms = sms;
  }

  @Override
  public StravaChallengeDto webhooksStravaHandshake(String hubMode, String hubVerifyToken, String hubChallenge) {
    StravaChallengeDto out = new StravaChallengeDto();
    out.setHubChallenge(strava.handshake(hubVerifyToken, hubChallenge));
    return out;
  }

  @Override
  public EventReceiptDto webhooksStravaEvent(StravaEventDto e) {
    Map<String, String> updates = e.getUpdates() == null ? Map.of() : e.getUpdates();
    WebhookService.Outcome outcome = strava.receive(new WebhookService.Event(e.getObjectType().toString(),
        e.getObjectId(), e.getAspectType().toString(), updates, e.getOwnerId(), e.getSubscriptionId(),
        e.getEventTime()));
    EventReceiptDto out = new EventReceiptDto();
    out.setOutcome(EventReceiptDto.OutcomeEnum.valueOf(outcome.name()));
    return out;
  }

  @Override
  public String webhooksSms(String from, String body, String xTwilioSignature, String to, String messageSid,
      String accountSid) {
    sms.handle(from, body);
    return SmsCommands.EMPTY_TWIML;
  }
}
