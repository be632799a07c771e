package dev.apiplatform.server.webhooks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.ProblemType;
import dev.apiplatform.server.identity.store.StravaLinkStore;
import dev.apiplatform.server.strava.StravaSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strava's push subscription: the handshake, and each event answered fast. A new activity costs
 * a consistent read of its event record ({@link DeliveredEvents}: a retry answers {@code duplicate}
 * and enqueues nothing), one durable queue write, and the record's put; the athlete's user comes
 * from {@link #athletes} (a consistent read on a miss). The record is written after the send, so a
 * crash between the two lets a later retry enqueue again; the agent's effect ledger still renames
 * once. (bench/webhooks.sh, bench/README.md: what each store call costs under 50 deliveries.)
 */
public final class WebhookService {

  private static final Logger log = LoggerFactory.getLogger(WebhookService.class);

  public enum Outcome { QUEUED, DUPLICATE, IGNORED, UNLINKED, UNKNOWN_ATHLETE }

  /** The fields of Strava's event the rules read (the contract has checked their shapes). */
  public record Event(String objectType, long objectId, String aspectType, Map<String, String> updates,
      long ownerId, long subscriptionId, long eventTime) {}

  private final StravaSettings settings;
  private final StravaLinkStore links;
  private final DeliveredEvents delivered;
  private final AgentTasks tasks;
  /**
   * Athlete → user of links found, for a minute: only found links (a newly connected athlete is
   * never refused from memory), dropped at a deauthorization. A stale entry is harmless: the agent
   * resolves the athlete's current user itself and drops the task when there is none.
   */
  private final Cache<Long, String> athletes = Caffeine.newBuilder()
      .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

  public WebhookService(StravaSettings settings, StravaLinkStore links, DeliveredEvents delivered, AgentTasks tasks) {
    this.settings = settings;
    this.links = links;
    this.delivered = delivered;
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
    if (e.objectType().equals("athlete")) {
      if (!"false".equals(e.updates().get("authorized"))) return Outcome.IGNORED;
      athletes.invalidate(e.ownerId());
      Optional<String> user = links.userOf(e.ownerId()); // never from memory: an unlink must see the store
      if (user.isEmpty()) return unknownAthlete();
      links.unlink(user.get());
      log.info("Strava athlete deauthorized; user {} unlinked", user.get());
      return Outcome.UNLINKED;
    }
    // the agent names new activities only; a user's own edit, the agent's own rename and a delete stand
    if (!e.aspectType().equals("create")) return Outcome.IGNORED;
    String key = "activity#" + e.objectId() + "#create";
    if (delivered.delivered(key)) return Outcome.DUPLICATE;
    String user = athletes.getIfPresent(e.ownerId());
    if (user == null) {
      Optional<String> found = links.userOf(e.ownerId());
      if (found.isEmpty()) return unknownAthlete();
      user = found.get();
      athletes.put(e.ownerId(), user);
    }
    tasks.submit(new ActivityTask(user, e.ownerId(), e.objectId(), e.eventTime()));
    // after the send, never before: a record without its message would answer a retry
    // `duplicate` for an activity the agent never gets
    delivered.markDelivered(key);
    return Outcome.QUEUED;
  }

  private static Outcome unknownAthlete() {
    log.info("Strava event for unknown athlete dropped");
    return Outcome.UNKNOWN_ATHLETE;
  }
}
