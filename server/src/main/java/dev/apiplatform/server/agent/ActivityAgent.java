package dev.apiplatform.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.identity.store.StravaLink;
import dev.apiplatform.server.identity.store.StravaLinkStore;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.identity.store.UserStore;
import dev.apiplatform.server.jobs.EffectLedger;
import dev.apiplatform.server.profile.VoiceStyles;
import dev.apiplatform.server.queue.ReceivedJob;
import dev.apiplatform.server.strava.StravaClient;
import dev.apiplatform.server.strava.StravaTokens;
import dev.apiplatform.server.webhooks.ActivityTask;
import dev.apiplatform.server.webhooks.StravaEvents;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's job handler for one new activity: fetch it, name it in the user's voice, rename it
 * at Strava, exactly once. The rename is an outside effect, so it is claimed in the platform's
 * {@link EffectLedger} under the activity ({@link ActivityTask#renameKey()}): a redelivery after
 * it completed does nothing. The name is recorded before the PUT, so the {@code update} event
 * the rename causes is recognised; and a delivery after a crash between the PUT and
 * {@code complete} finds the activity already carrying the recorded name and sends nothing.
 */
public final class ActivityAgent {

  public static final String QUEUE = "strava-agent";
  public static final String KIND = "strava.activity.created";
  private static final Logger log = LoggerFactory.getLogger(ActivityAgent.class);
  /** Longer than a fetch + name + rename with retries; a rate-limit wait beyond it retries later. */
  static final Duration LEASE = Duration.ofMinutes(2);

  private final UserStore users;
  private final StravaLinkStore links;
  private final StravaTokens tokens;
  private final StravaClient strava;
  private final ActivityNamer namer;
  private final VoiceStyles voices;
  private final StravaEvents events;
  private final EffectLedger effects;
  private final ObjectMapper json;

  public ActivityAgent(UserStore users, StravaLinkStore links, StravaTokens tokens, StravaClient strava,
      ActivityNamer namer, VoiceStyles voices, StravaEvents events, EffectLedger effects, ObjectMapper json) {
    this.users = users;
    this.links = links;
    this.tokens = tokens;
    this.strava = strava;
    this.namer = namer;
    this.voices = voices;
    this.events = events;
    this.effects = effects;
    this.json = json;
  }

  public void handle(ReceivedJob job) throws Exception {
    ActivityTask queued = json.readValue(job.message().payload(), ActivityTask.class);
    // the webhook's user may come from its cache: the athlete's user is read again here, so an
    // athlete disconnected (or moved to another user) since the 200 is handled as it is now
    Optional<String> owner = links.userOf(queued.athleteId());
    if (owner.isEmpty()) {
      log.info("activity {} dropped: its athlete is no longer connected", queued.activityId());
      return;
    }
    ActivityTask task = new ActivityTask(owner.get(), queued.athleteId(), queued.activityId(), queued.eventTime());
    Optional<StravaLink> link = links.find(task.userId());
    Optional<User> user = users.findById(task.userId());
    if (link.isEmpty() || user.isEmpty() || link.get().athleteId() != task.athleteId()) {
      log.info("activity {} dropped: its athlete is no longer connected", task.activityId());
      return;
    }
    // a second message of one activity (a retry enqueued again after the server died between the
    // webhook's send and its record, or SQS redelivering): the ledger entry makes it rename nothing
    EffectLedger.Claim claim = effects.claim(task.renameKey(), LEASE);
    switch (claim.state()) {
      case ALREADY_DONE -> {
        return;
      }
      case BUSY -> throw new IllegalStateException("activity " + task.activityId() + " is being renamed by another delivery");
      case CLAIMED -> { }
    }
    try {
      JsonNode activity = tokens.withToken(task.userId(), t -> strava.activity(task.activityId(), t));
      Optional<String> recorded = events.renamedTo(task.activityId());
      if (recorded.isPresent() && recorded.get().equals(activity.path("name").asText())) {
        claim.complete(); // renamed before a crash cut the last step short
        return;
      }
      String name = recorded.orElseGet(() -> namer.name(activity, voices.effective(user.get().selectedVoiceId())));
      events.recordRename(task.activityId(), name);
      tokens.withToken(task.userId(), t -> strava.rename(task.activityId(), name, t));
      claim.complete();
      log.info("activity {} renamed", task.activityId());
    } catch (StravaTokens.NotConnected gone) {
      claim.release();
    } catch (RuntimeException e) {
      claim.release();
      throw e;
    }
  }
}
