package dev.apiplatform.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.identity.store.StravaLink;
import dev.apiplatform.server.identity.store.StravaLinkStore;
import dev.apiplatform.server.strava.StravaSettings;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The webhook's request path: a new activity is enqueued once however often Strava delivers it
 * (its event record is read before and written after the one queue write; a record lost between
 * the two lets a retry enqueue again), everything else is decided without a store write; the
 * athlete's user kept in memory never refuses a newly connected athlete nor survives a
 * deauthorization.
 */
class WebhookServiceTest {

  static final long SUBSCRIPTION = 120475;

  /** Links in a map; counts the reads of the athlete → user marker. */
  static final class Links implements StravaLinkStore {
    final Map<Long, String> byAthlete = new HashMap<>();
    final List<String> unlinked = new ArrayList<>();
    int reads;

    @Override
    public Optional<StravaLink> find(String userId) {
      throw new AssertionError("the webhook reads no link of a user");
    }

    @Override
    public Optional<String> userOf(long athleteId) {
      reads++;
      return Optional.ofNullable(byAthlete.get(athleteId));
    }

    @Override
    public StravaLink link(String userId, StravaLink link) {
      throw new AssertionError("the webhook links nothing");
    }

    @Override
    public Optional<StravaLink> replaceTokens(String userId, StravaLink current, String accessCipher,
        String refreshCipher, Instant expiresAt) {
      throw new AssertionError("the webhook writes no token");
    }

    @Override
    public void unlink(String userId) {
      unlinked.add(userId);
      byAthlete.values().remove(userId);
    }
  }

  /** The event records in a set; {@code lose} drops the next put (the server died before it). */
  static final class Delivered implements DeliveredEvents {
    final Set<String> keys = new HashSet<>();
    boolean lose;

    @Override
    public boolean delivered(String eventKey) {
      return keys.contains(eventKey);
    }

    @Override
    public void markDelivered(String eventKey) {
      if (lose) {
        lose = false;
        throw new IllegalStateException("the server died after the send");
      }
      keys.add(eventKey);
    }
  }

  final Links links = new Links();
  final Delivered delivered = new Delivered();
  final List<ActivityTask> queued = new ArrayList<>();
  final WebhookService service = new WebhookService(new StravaSettings(URI.create("http://strava.invalid"),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("verify"), Optional.of(SUBSCRIPTION),
      Optional.empty()), links, delivered, queued::add);

  static WebhookService.Event event(String type, long id, String aspect, Map<String, String> updates, long owner) {
    return new WebhookService.Event(type, id, aspect, updates, owner, SUBSCRIPTION, 1516126040);
  }

  static WebhookService.Event created(long activity, long owner) {
    return event("activity", activity, "create", Map.of(), owner);
  }

  @Test
  void newActivitiesOfAConnectedAthlete_areQueued_withOneLinkReadForAllOfThem() {
    links.byAthlete.put(7L, "user-7");
    for (long activity = 1; activity <= 5; activity++) {
      assertThat(service.receive(created(activity, 7))).isEqualTo(WebhookService.Outcome.QUEUED);
    }
    assertThat(queued).extracting(ActivityTask::activityId).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(queued).extracting(ActivityTask::userId).containsOnly("user-7");
    assertThat(links.reads).isEqualTo(1);
  }

  @Test
  void threeRetriesOfAnEvent_areDuplicates_andTheQueueHoldsOneMessage() {
    links.byAthlete.put(7L, "user-7");
    assertThat(service.receive(created(1, 7))).isEqualTo(WebhookService.Outcome.QUEUED);
    for (int retry = 0; retry < 3; retry++) {
      assertThat(service.receive(created(1, 7))).isEqualTo(WebhookService.Outcome.DUPLICATE);
    }
    assertThat(queued).extracting(ActivityTask::renameKey).containsExactly("strava-rename#1");
    assertThat(delivered.keys).containsExactly("activity#1#create");
  }

  @Test
  void aRecordLostAfterTheSend_letsTheNextRetryEnqueueAgain_andTheOneAfterIsADuplicate() {
    links.byAthlete.put(7L, "user-7");
    delivered.lose = true;
    assertThatThrownBy(() -> service.receive(created(1, 7))).isInstanceOf(IllegalStateException.class);
    assertThat(queued).as("the send happened before the record").hasSize(1);
    assertThat(service.receive(created(1, 7))).isEqualTo(WebhookService.Outcome.QUEUED);
    assertThat(service.receive(created(1, 7))).isEqualTo(WebhookService.Outcome.DUPLICATE);
    assertThat(queued).extracting(ActivityTask::renameKey).containsExactly("strava-rename#1", "strava-rename#1");
  }

  @Test
  void aFailedSend_recordsNothing_soTheRetryIsQueued() {
    links.byAthlete.put(7L, "user-7");
    var failing = new WebhookService(new StravaSettings(URI.create("http://strava.invalid"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of("verify"), Optional.of(SUBSCRIPTION), Optional.empty()),
        links, delivered, task -> {
          throw new IllegalStateException("the queue is down");
        });
    assertThatThrownBy(() -> failing.receive(created(1, 7))).isInstanceOf(IllegalStateException.class);
    assertThat(delivered.keys).isEmpty();
    assertThat(service.receive(created(1, 7))).isEqualTo(WebhookService.Outcome.QUEUED);
    assertThat(queued).hasSize(1);
  }

  @Test
  void anUnknownAthlete_isDropped_andNotRememberedAsUnknown() {
    assertThat(service.receive(created(1, 9))).isEqualTo(WebhookService.Outcome.UNKNOWN_ATHLETE);
    assertThat(queued).isEmpty();
    links.byAthlete.put(9L, "user-9"); // connected right after
    assertThat(service.receive(created(2, 9))).isEqualTo(WebhookService.Outcome.QUEUED);
    assertThat(queued).extracting(ActivityTask::userId).containsExactly("user-9");
  }

  @Test
  void aDeauthorization_unlinksFromTheStore_andTheAthletesNextActivityIsUnknown() {
    links.byAthlete.put(7L, "user-7");
    service.receive(created(1, 7)); // the athlete's user is now remembered
    assertThat(service.receive(event("athlete", 7, "update", Map.of("authorized", "false"), 7)))
        .isEqualTo(WebhookService.Outcome.UNLINKED);
    assertThat(links.unlinked).containsExactly("user-7");
    assertThat(service.receive(created(2, 7))).isEqualTo(WebhookService.Outcome.UNKNOWN_ATHLETE);
    assertThat(queued).extracting(ActivityTask::activityId).containsExactly(1L);
  }

  @Test
  void aDeauthorizationOfAnUnknownAthlete_isAcknowledged() {
    assertThat(service.receive(event("athlete", 5, "update", Map.of("authorized", "false"), 5)))
        .isEqualTo(WebhookService.Outcome.UNKNOWN_ATHLETE);
    assertThat(links.unlinked).isEmpty();
  }

  @Test
  void updatesDeletesAndOtherAthleteEvents_areIgnored_withoutReadingOrQueueing() {
    links.byAthlete.put(7L, "user-7");
    assertThat(service.receive(event("activity", 1, "update", Map.of("title", "Arr!"), 7)))
        .isEqualTo(WebhookService.Outcome.IGNORED);
    assertThat(service.receive(event("activity", 1, "delete", Map.of(), 7))).isEqualTo(WebhookService.Outcome.IGNORED);
    assertThat(service.receive(event("athlete", 7, "update", Map.of("authorized", "true"), 7)))
        .isEqualTo(WebhookService.Outcome.IGNORED);
    assertThat(links.reads).isZero();
    assertThat(queued).isEmpty();
    assertThat(delivered.keys).isEmpty();
  }

  @Test
  void anEventOfAnotherSubscription_isRefused_beforeAnyRead() {
    var other = new WebhookService.Event("activity", 1, "create", Map.of(), 7, 99, 1516126040);
    assertThatThrownBy(() -> service.receive(other)).isInstanceOf(InvalidField.class);
    assertThat(links.reads).isZero();
  }
}
