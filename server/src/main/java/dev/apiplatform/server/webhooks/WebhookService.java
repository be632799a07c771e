package dev.apiplatform.server.webhooks;

import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.ProblemType;
import dev.apiplatform.server.identity.store.StravaLinkStore;
import dev.apiplatform.server.strava.StravaSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strava's push subscription: the handshake, and each event answered fast. Nothing slow runs
 * here: an event is checked, recorded (once) and handed to the agent's queue, and only then
 * acknowledged.
 */
public final class WebhookService {

  private static final Logger log = LoggerFactory.getLogger(WebhookService.class);

  public enum Outcome { QUEUED, DUPLICATE, IGNORED, UNLINKED, UNKNOWN_ATHLETE }

  /** The fields of Strava's event the rules read (the contract has checked their shapes). */
  public record Event(String objectType, long objectId, String aspectType, Map<String, String> updates,
      long ownerId, long subscriptionId, long eventTime) {}

  private final StravaSettings settings;
  private final StravaLinkStore links;
  private final StravaEvents events;
  private final AgentTasks tasks;

  public WebhookService(StravaSettings settings, StravaLinkStore links, StravaEvents events, AgentTasks tasks) {
    this.settings = settings;
    this.links = links;
    this.events = events;
    this.tasks = tasks;
  }

  public String handshake(String verifyToken, String challenge) {
    Optional<String> expected = settings.webhookVerifyToken();
    if (expected.isEmpty() || !MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
        verifyToken.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(ProblemType.FORBIDDEN, "Forbidden", "hub.verify_token does not match");
    }
    return challenge;
  }

  public Outcome receive(Event e) {
    if (settings.subscriptionId().filter(id -> id != e.subscriptionId()).isPresent()) {
      throw new InvalidField("body.subscription_id", "is not this server's subscription", "unknown_subscription");
    }
    Optional<String> user = links.userOf(e.ownerId());
    if (user.isEmpty()) {
      log.info("Strava event for unknown athlete dropped");
      return Outcome.UNKNOWN_ATHLETE;
    }
    if (e.objectType().equals("athlete")) {
      if ("false".equals(e.updates().get("authorized"))) {
        links.unlink(user.get());
        log.info("Strava athlete deauthorized; user {} unlinked", user.get());
        return Outcome.UNLINKED;
      }
      return Outcome.IGNORED;
    }
    if (e.aspectType().equals("update")) {
      String title = e.updates().get("title");
      if (title != null && events.renamedTo(e.objectId()).filter(title::equals).isPresent()) {
        log.debug("update of activity {} is the agent's own rename", e.objectId());
      }
      return Outcome.IGNORED; // the agent names new activities only; a user's own edit stands
    }
    if (!e.aspectType().equals("create")) return Outcome.IGNORED;
    String key = "activity#" + e.objectId() + "#create";
    StravaEvents.Seen seen = events.record(key);
    if (seen == StravaEvents.Seen.QUEUED) return Outcome.DUPLICATE;
    // first delivery, or a retry of one whose hand-off may have died: hand off (again); the
    // agent's effect ledger makes a second task rename nothing
    tasks.submit(new ActivityTask(user.get(), e.ownerId(), e.objectId(), e.eventTime()));
    events.markQueued(key);
    return seen == StravaEvents.Seen.FIRST ? Outcome.QUEUED : Outcome.DUPLICATE;
  }
}
