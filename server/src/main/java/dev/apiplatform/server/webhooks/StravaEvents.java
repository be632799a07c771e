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
 * The names the agent gave ({@code StravaEvents}, key {@code event_key} = {@code rename#<activity>},
 * expiring after 7 days), recorded before the rename is sent: a delivery after a crash between the
 * rename and its ledger entry finds the activity already carrying the name and sends nothing.
 * (Retried webhook deliveries are not recorded here: the request path writes nothing but the queue
 * message, and the agent's effect ledger renames an activity once.)
 */
public final class StravaEvents {

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
