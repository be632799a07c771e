package dev.apiplatform.server.webhooks;

import static dev.apiplatform.server.storage.Dynamo.epochSeconds;
import static dev.apiplatform.server.storage.Dynamo.s;

import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What the webhook has seen ({@code StravaEvents}, key {@code event_key}, expiring after 7 days):
 * the first delivery of an activity's {@code create} is recorded with a conditional put, so
 * Strava's retries are recognised; and the names the agent gave, so the {@code update} event its
 * own rename causes is recognised too.
 */
public final class StravaEvents {

  public static final String TABLE = "StravaEvents";
  public static final String KEY = "event_key";
  private static final Duration KEEP = Duration.ofDays(7);

  /** First: stored now. Pending: seen, but its hand-off may not have finished. Queued: handed off. */
  public enum Seen { FIRST, PENDING, QUEUED }

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public StravaEvents(DynamoDbClient dynamo, StorageDefinitions storage, Clock clock) {
    this.dynamo = dynamo;
    this.table = storage.tableName(TABLE);
    this.clock = clock;
  }

  /** Records the event unless it was seen; a seen one reports whether its hand-off finished. */
  public Seen record(String eventKey) {
    boolean first = Dynamo.call("Recording Strava event", () -> {
      try {
        dynamo.putItem(r -> r.tableName(table)
            .item(Map.of(KEY, s(eventKey), "state", s("pending"), "expires_at",
                epochSeconds(clock.instant().plus(KEEP))))
            .conditionExpression("attribute_not_exists(#k)")
            .expressionAttributeNames(Map.of("#k", KEY)));
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    });
    if (first) return Seen.FIRST;
    return attribute(eventKey, "state").filter("queued"::equals).isPresent() ? Seen.QUEUED : Seen.PENDING;
  }

  public void markQueued(String eventKey) {
    Dynamo.run("Marking Strava event queued", () -> dynamo.updateItem(r -> r.tableName(table)
        .key(Map.of(KEY, s(eventKey))).updateExpression("SET #s = :q")
        .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":q", s("queued")))));
  }

  /** The agent gave {@code name} to the activity (before it sent the rename). */
  public void recordRename(long activityId, String name) {
    Dynamo.run("Recording rename", () -> dynamo.putItem(r -> r.tableName(table).item(Map.of(
        KEY, s(renameKey(activityId)), "name", s(name), "expires_at", epochSeconds(clock.instant().plus(KEEP))))));
  }

  public Optional<String> renamedTo(long activityId) {
    return attribute(renameKey(activityId), "name");
  }

  private static String renameKey(long activityId) {
    return "rename#" + activityId;
  }

  private Optional<String> attribute(String key, String name) {
    return Dynamo.call("Reading Strava event", () -> {
      var response = dynamo.getItem(r -> r.tableName(table).key(Map.of(KEY, s(key))).consistentRead(true));
      return response.hasItem() ? Dynamo.optString(response.item(), name) : Optional.empty();
    });
  }
}
