package dev.apiplatform.server.strava;

import static dev.apiplatform.server.storage.Dynamo.epochSeconds;
import static dev.apiplatform.server.storage.Dynamo.s;

import dev.apiplatform.server.identity.CodeHasher;
import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * OAuth {@code state}s: {@code <id>.<expiry>.<signature>}, the signature binding id, expiry and
 * the caller's user id, so a state is useless to anyone else and cannot be extended. Single use:
 * each issued id is a row of {@code StravaOAuthStates}, consumed by a conditional delete, so of
 * two concurrent callbacks with one state exactly one gets through.
 */
final class OAuthStates {

  static final String TABLE = "StravaOAuthStates";
  static final String KEY = "state_id";
  static final Duration TTL = Duration.ofMinutes(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  record Issued(String state, Instant expiresAt) {}

  private final DynamoDbClient dynamo;
  private final String table;
  private final TokenCipher keys;
  private final Clock clock;

  OAuthStates(DynamoDbClient dynamo, StorageDefinitions storage, TokenCipher keys, Clock clock) {
    this.dynamo = dynamo;
    this.table = storage.tableName(TABLE);
    this.keys = keys;
    this.clock = clock;
  }

  Issued issue(String userId) {
    byte[] raw = new byte[18];
    RANDOM.nextBytes(raw);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant expires = clock.instant().plus(TTL);
    Dynamo.run("Storing OAuth state", () -> dynamo.putItem(r -> r.tableName(table).item(Map.of(
        KEY, s(id), "user_id", s(userId), "expires_at", epochSeconds(expires)))));
    String material = id + "." + expires.getEpochSecond();
    return new Issued(material + "." + keys.sign(material + "." + userId), expires);
  }

  /** @throws InvalidOAuthState another user's, forged, expired or already used */
  void consume(String state, String userId) {
    String[] parts = state.split("\\.", -1);
    if (parts.length != 3 || !parts[1].matches("\\d{1,12}")) throw new InvalidOAuthState("state is malformed");
    String material = parts[0] + "." + parts[1];
    if (!CodeHasher.same(keys.sign(material + "." + userId), parts[2])) {
      throw new InvalidOAuthState("state was not issued to the caller");
    }
    if (!clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[1])))) {
      throw new InvalidOAuthState("state has expired; ask for a new authorize URL");
    }
    boolean consumed = Dynamo.call("Consuming OAuth state", () -> {
      try {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of(KEY, s(parts[0])))
            .conditionExpression("attribute_exists(#k) AND #u = :u")
            .expressionAttributeNames(Map.of("#k", KEY, "#u", "user_id"))
            .expressionAttributeValues(Map.of(":u", s(userId))));
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    });
    if (!consumed) throw new InvalidOAuthState("state was used already");
  }
}
