package dev.apiplatform.server.identity.store;

import static dev.apiplatform.server.identity.store.UserItems.ID;
import static dev.apiplatform.server.identity.store.UserItems.OWNER;
import static dev.apiplatform.server.identity.store.UserItems.key;
import static dev.apiplatform.server.identity.store.UserItems.markerItem;
import static dev.apiplatform.server.storage.Dynamo.instant;
import static dev.apiplatform.server.storage.Dynamo.n;
import static dev.apiplatform.server.storage.Dynamo.s;

import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link StravaLinkStore} on the {@code Users} table. {@code stravaUserId} (a string, the key of
 * the {@code stravaUserId-index} GSI) and the {@code strava_*} attributes live on the user's item;
 * the marker {@code strava#<athlete>} (attribute {@code owner_user_id}) makes an athlete unique
 * across users with a strongly consistent lookup, exactly like the e-mail and phone markers.
 * Token writes are conditional on {@code strava_token_version}; {@code version}, which the
 * user store's optimistic locking owns, is not touched, so a refresh never makes a profile
 * write stale.
 */
public final class DynamoStravaLinkStore implements StravaLinkStore {

  static final String ATHLETE = "stravaUserId";
  static final String SCOPES = "strava_scopes";
  static final String ACCESS = "strava_access_token";
  static final String REFRESH = "strava_refresh_token";
  static final String EXPIRES = "strava_token_expires_at";
  static final String CONNECTED = "strava_connected_at";
  static final String TOKEN_VERSION = "strava_token_version";
  static final String MARKER = "strava#";

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public DynamoStravaLinkStore(DynamoDbClient dynamo, StorageDefinitions definitions, Clock clock) {
    this.dynamo = dynamo;
    this.table = definitions.tableName(StorageDefinitions.USERS_TABLE);
    this.clock = clock;
  }

  @Override
  public Optional<StravaLink> find(String userId) {
    return item(userId).filter(i -> !i.containsKey(OWNER) && i.containsKey(ATHLETE)).map(DynamoStravaLinkStore::toLink);
  }

  @Override
  public Optional<String> userOf(long athleteId) {
    return item(MARKER + athleteId).flatMap(i -> Dynamo.optString(i, OWNER));
  }

  @Override
  public StravaLink link(String userId, StravaLink link) {
    Map<String, AttributeValue> user = item(userId).filter(i -> !i.containsKey(OWNER))
        .orElseThrow(() -> new UserNotFoundException(userId));
    Optional<StravaLink> before = Optional.of(user).filter(i -> i.containsKey(ATHLETE)).map(DynamoStravaLinkStore::toLink);
    // the version survives an unlink, so a link racing a refresh or an unlink is still detected
    Optional<Long> previousVersion = Optional.ofNullable(user.get(TOKEN_VERSION)).map(v -> Long.parseLong(v.n()));
    long nextVersion = previousVersion.orElse(0L) + 1;
    StravaLink stored = new StravaLink(link.athleteId(), link.scopes(), link.accessTokenCipher(),
        link.refreshTokenCipher(), link.tokenExpiresAt(), link.connectedAt(), nextVersion);
    Dynamo.Update u = new Dynamo.Update()
        .set(ATHLETE, s(Long.toString(stored.athleteId())))
        .set(SCOPES, s(String.join(",", stored.scopes())))
        .set(ACCESS, s(stored.accessTokenCipher()))
        .set(REFRESH, s(stored.refreshTokenCipher()))
        .set(EXPIRES, instant(stored.tokenExpiresAt()))
        .set(CONNECTED, instant(stored.connectedAt()))
        .set(TOKEN_VERSION, n(nextVersion));
    String condition = "attribute_exists(" + u.name(ID) + ") AND " + sameTokenVersion(u, previousVersion);
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(userId))
        .updateExpression(u.expression()).conditionExpression(condition)
        .expressionAttributeNames(u.names()).expressionAttributeValues(u.values()).build()).build());
    boolean sameAthlete = before.filter(b -> b.athleteId() == link.athleteId()).isPresent();
    if (!sameAthlete) {
      items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
          .item(markerItem(MARKER + link.athleteId(), userId, clock.instant()))
          .conditionExpression("attribute_not_exists(#id) OR #owner = :me")
          .expressionAttributeNames(Map.of("#id", ID, "#owner", OWNER))
          .expressionAttributeValues(Map.of(":me", s(userId))).build()).build());
      before.ifPresent(b -> items.add(deleteMarker(b.athleteId(), userId)));
    }
    Optional<List<String>> failed = Dynamo.transact("Linking Strava athlete", dynamo, items);
    if (failed.isEmpty()) return stored;
    if (userOf(link.athleteId()).filter(owner -> !owner.equals(userId)).isPresent()) {
      throw new AthleteLinkedException(link.athleteId());
    }
    throw new StaleUserException(userId, nextVersion - 1); // a concurrent link or refresh: the caller may retry
  }

  @Override
  public Optional<StravaLink> replaceTokens(String userId, StravaLink current, String accessCipher,
      String refreshCipher, Instant expiresAt) {
    long next = current.tokenVersion() + 1;
    Dynamo.Update u = new Dynamo.Update()
        .set(ACCESS, s(accessCipher))
        .set(REFRESH, s(refreshCipher))
        .set(EXPIRES, instant(expiresAt))
        .set(TOKEN_VERSION, n(next));
    String condition = u.name(TOKEN_VERSION) + " = " + u.value("expected", n(current.tokenVersion()))
        + " AND " + u.name(ATHLETE) + " = " + u.value("athlete", s(Long.toString(current.athleteId())));
    boolean written = Dynamo.call("Refreshing Strava tokens", () -> {
      try {
        dynamo.updateItem(r -> r.tableName(table).key(key(userId)).updateExpression(u.expression())
            .conditionExpression(condition).expressionAttributeNames(u.names()).expressionAttributeValues(u.values()));
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    });
    if (!written) return Optional.empty();
    return Optional.of(new StravaLink(current.athleteId(), current.scopes(), accessCipher, refreshCipher, expiresAt,
        current.connectedAt(), next));
  }

  @Override
  public void unlink(String userId) {
    Optional<StravaLink> before = find(userId);
    if (before.isEmpty()) return;
    String remove = "REMOVE #a, #s, #ac, #r, #e, #c SET #v = #v + :one";
    List<TransactWriteItem> items = List.of(
        TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(userId))
            .updateExpression(remove).conditionExpression("#v = :expected")
            .expressionAttributeNames(Map.of("#a", ATHLETE, "#s", SCOPES, "#ac", ACCESS, "#r", REFRESH,
                "#e", EXPIRES, "#c", CONNECTED, "#v", TOKEN_VERSION))
            .expressionAttributeValues(Map.of(":one", n(1), ":expected", n(before.get().tokenVersion())))
            .build()).build(),
        deleteMarker(before.get().athleteId(), userId));
    if (Dynamo.transact("Unlinking Strava athlete", dynamo, items).isPresent()) {
      unlink(userId); // a refresh slipped in between: read again and unlink what is there now
    }
  }

  private TransactWriteItem deleteMarker(long athleteId, String userId) {
    return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(MARKER + athleteId))
        .conditionExpression("attribute_not_exists(#id) OR #owner = :me")
        .expressionAttributeNames(Map.of("#id", ID, "#owner", OWNER))
        .expressionAttributeValues(Map.of(":me", s(userId))).build()).build();
  }

  private static String sameTokenVersion(Dynamo.Update u, Optional<Long> before) {
    return before.isPresent()
        ? u.name(TOKEN_VERSION) + " = " + u.value("expected", n(before.get()))
        : "attribute_not_exists(" + u.name(TOKEN_VERSION) + ")";
  }

  private Optional<Map<String, AttributeValue>> item(String id) {
    return Dynamo.call("Reading Strava link", () -> {
      var response = dynamo.getItem(r -> r.tableName(table).key(key(id)).consistentRead(true));
      return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    });
  }

  private static StravaLink toLink(Map<String, AttributeValue> i) {
    String scopes = Dynamo.optString(i, SCOPES).orElse("");
    return new StravaLink(Long.parseLong(Dynamo.string(i, ATHLETE)),
        scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(",")),
        Dynamo.string(i, ACCESS), Dynamo.string(i, REFRESH), Dynamo.instant(i, EXPIRES), Dynamo.instant(i, CONNECTED),
        Dynamo.number(i, TOKEN_VERSION));
  }
}
