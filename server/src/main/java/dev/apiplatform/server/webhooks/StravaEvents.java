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

/**
 * What the webhook and the agent have seen ({@code StravaEvents}, key {@code event_key}, expiring
 * after 7 days): the activity {@code create} events already handed to the agent's queue, so
 * Strava's retries are enqueued once; and the names the agent gave, recorded before the rename is
 * sent, so a delivery after a crash between the rename and its ledger entry sends nothing.
 */
public final class StravaEvents implements DeliveredEvents {

  public static final String TABLE = "StravaEvents";
  public static final String KEY = "event_key";
  private static final Duration KEEP = Duration.ofDays(7);

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public StravaEvents(DynamoDbClient dynamo, StorageDefinitions storage, Clock clock) {
    this.dynamo = dynamo;
    this.table = storage.tableName(TABLE);
    this.clock = clock;
  }

  /** A strongly consistent read: a retry right after the first delivery's 200 must see its record. */
  @Override
  public boolean delivered(String eventKey) {
    return Dynamo.call("Reading Strava event", () -> dynamo.getItem(r -> r.tableName(table)
        .key(Map.of(KEY, s(eventKey))).consistentRead(true).projectionExpression("#k")
        .expressionAttributeNames(Map.of("#k", KEY))).hasItem());
  }

  /** A plain put after the send: a second writer (a concurrent retry) writes the same item. */
  @Override
  public void markDelivered(String eventKey) {
    Dynamo.run("Recording Strava event", () -> dynamo.putItem(r -> r.tableName(table).item(Map.of(
        KEY, s(eventKey), "state", s("queued"), "expires_at", epochSeconds(clock.instant().plus(KEEP))))));
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
