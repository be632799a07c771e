package dev.apiplatform.server.identity.store;

import static dev.apiplatform.server.storage.Dynamo.epochSeconds;
import static dev.apiplatform.server.storage.Dynamo.instant;
import static dev.apiplatform.server.storage.Dynamo.n;
import static dev.apiplatform.server.storage.Dynamo.optInstant;
import static dev.apiplatform.server.storage.Dynamo.optString;
import static dev.apiplatform.server.storage.Dynamo.s;
import static dev.apiplatform.server.storage.Dynamo.string;

import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.StoreUnavailableException;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link SessionStore} on the {@code Sessions} table (GSI {@code user_id-index}) and the
 * {@code RefreshTokens} table (keyed by token hash, {@code expires_at} as TTL). Rotation is one
 * transaction over the presented token, its successor and a condition check on the session.
 */
public final class DynamoSessionStore implements SessionStore {

  // Sessions
  private static final String SESSION_ID = "session_id";
  private static final String USER_ID = "user_id";
  private static final String CREATED_AT = "created_at";
  private static final String REVOKED_AT = "revoked_at";
  private static final String REVOKE_REASON = "revoke_reason";
  // RefreshTokens (also SESSION_ID, USER_ID)
  private static final String TOKEN_HASH = "token_hash";
  private static final String ISSUED_AT = "issued_at";
  private static final String USED_AT = "used_at";
  private static final String REPLACED_BY = "replaced_by";
  // both
  private static final String EXPIRES_AT = StorageDefinitions.TTL_ATTRIBUTE;

  private static final int ROTATE_INDEX_PRESENTED = 0;
  private static final int ROTATE_INDEX_SESSION = 2;

  private final DynamoDbClient dynamo;
  private final String sessions;
  private final String tokens;
  private final Clock clock;

  public DynamoSessionStore(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this(dynamo, definitions, Clock.systemUTC());
  }

  public DynamoSessionStore(DynamoDbClient dynamo, StorageDefinitions definitions, Clock clock) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.sessions = definitions.tableName(StorageDefinitions.SESSIONS_TABLE);
    this.tokens = definitions.tableName(StorageDefinitions.REFRESH_TOKENS_TABLE);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void create(Session session, RefreshTokenRecord first) {
    if (!first.sessionId().equals(session.sessionId()) || !first.userId().equals(session.userId())) {
      throw new IllegalArgumentException("The first refresh token must belong to the session and its user");
    }
    Optional<List<String>> failed = Dynamo.transact("Creating session", dynamo, List.of(
        putIfAbsent(sessions, SESSION_ID, sessionToItem(session)),
        putIfAbsent(tokens, TOKEN_HASH, tokenToItem(first))));
    if (failed.isPresent()) {
      throw new IdentityStoreException("Session " + session.sessionId() + " or its token exists already");
    }
  }

  @Override
  public Optional<Session> find(String sessionId) {
    return get("Reading session", sessions, sessionKey(sessionId)).map(DynamoSessionStore::itemToSession);
  }

  @Override
  public boolean isRevoked(String sessionId) {
    return find(sessionId).map(s -> !s.activeAt(clock.instant())).orElse(true);
  }

  @Override
  public void revoke(String sessionId, String reason) {
    revokeOne(sessionId, reason, clock.instant());
  }

  @Override
  public int revokeAllForUser(String userId, String reason) {
    Instant now = clock.instant();
    return Dynamo.call("Revoking sessions of user", () -> {
      int revoked = 0;
      var pages = dynamo.queryPaginator(r -> r.tableName(sessions)
          .indexName(StorageDefinitions.SESSIONS_USER_INDEX)
          .keyConditionExpression("#user = :user")
          .expressionAttributeNames(Map.of("#user", USER_ID))
          .expressionAttributeValues(Map.of(":user", s(userId))));
      for (Map<String, AttributeValue> item : pages.items()) {
        if (item.containsKey(REVOKED_AT)) continue;
        if (revokeOne(string(item, SESSION_ID), reason, now)) revoked++;
      }
      return revoked;
    });
  }

  /** Whether this call revoked it (false: gone or revoked already). */
  private boolean revokeOne(String sessionId, String reason, Instant now) {
    return Dynamo.call("Revoking session", () -> {
      try {
        dynamo.updateItem(r -> r.tableName(sessions).key(sessionKey(sessionId))
            .updateExpression("SET #revokedAt = :now, #reason = :reason")
            .conditionExpression("attribute_exists(#id) AND attribute_not_exists(#revokedAt)")
            .expressionAttributeNames(Map.of("#revokedAt", REVOKED_AT, "#reason", REVOKE_REASON, "#id", SESSION_ID))
            .expressionAttributeValues(Map.of(":now", instant(now), ":reason", s(reason))));
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    });
  }

  @Override
  public Optional<RefreshTokenRecord> findRefreshToken(String tokenHash) {
    return get("Reading refresh token", tokens, tokenKey(tokenHash)).map(DynamoSessionStore::itemToToken);
  }

  @Override
  public RotationResult rotate(String presentedHash, RefreshTokenRecord successor, Instant now) {
    long nowSeconds = now.getEpochSecond();
    TransactWriteItem markUsed = TransactWriteItem.builder().update(Update.builder()
        .tableName(tokens).key(tokenKey(presentedHash))
        .updateExpression("SET #usedAt = :now, #replacedBy = :successor")
        .conditionExpression("attribute_exists(#hash) AND attribute_not_exists(#usedAt)"
            + " AND #expires > :nowSeconds AND #session = :session AND #user = :user")
        .expressionAttributeNames(Map.of("#usedAt", USED_AT, "#replacedBy", REPLACED_BY, "#hash", TOKEN_HASH,
            "#expires", EXPIRES_AT, "#session", SESSION_ID, "#user", USER_ID))
        .expressionAttributeValues(Map.of(":now", instant(now), ":successor", s(successor.tokenHash()),
            ":nowSeconds", n(nowSeconds), ":session", s(successor.sessionId()), ":user", s(successor.userId())))
        .build()).build();
    TransactWriteItem putSuccessor = putIfAbsent(tokens, TOKEN_HASH, tokenToItem(successor));
    TransactWriteItem sessionActive = TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
        .tableName(sessions).key(sessionKey(successor.sessionId()))
        .conditionExpression("attribute_exists(#id) AND attribute_not_exists(#revokedAt) AND #expires > :nowSeconds")
        .expressionAttributeNames(Map.of("#id", SESSION_ID, "#revokedAt", REVOKED_AT, "#expires", EXPIRES_AT))
        .expressionAttributeValues(Map.of(":nowSeconds", n(nowSeconds)))
        .build()).build();

    Optional<List<String>> failed = Dynamo.transact("Rotating refresh token", dynamo,
        List.of(markUsed, putSuccessor, sessionActive));
    if (failed.isEmpty()) return RotationResult.rotated(successor.sessionId(), successor.userId());

    // Why: read the state (the reasons say which item failed, not which part of its condition).
    List<String> reasons = failed.get();
    Optional<RefreshTokenRecord> presented = findRefreshToken(presentedHash);
    if (presented.isEmpty()
        || !presented.get().sessionId().equals(successor.sessionId())
        || !presented.get().userId().equals(successor.userId())) {
      return RotationResult.notFound();
    }
    if (presented.get().usedAt().isPresent()) return RotationResult.reused(presented.get());
    if (!presented.get().unexpiredAt(now)) return RotationResult.expired();
    boolean sessionFailed = Dynamo.conditionFailed(reasons, ROTATE_INDEX_SESSION)
        || find(successor.sessionId()).map(s -> !s.activeAt(now)).orElse(true);
    if (sessionFailed) return RotationResult.revoked();
    if (Dynamo.conditionFailed(reasons, ROTATE_INDEX_PRESENTED)) {
      // the token changed between the transaction and the read: only a concurrent rotation does that
      return findRefreshToken(presentedHash).map(RotationResult::reused).orElse(RotationResult.notFound());
    }
    throw new IdentityStoreException("Rotating refresh token was cancelled (successor hash exists?): " + reasons);
  }

  // --- keys and items ---------------------------------------------------------------------

  private static Map<String, AttributeValue> sessionKey(String sessionId) {
    return Map.of(SESSION_ID, s(sessionId));
  }

  private static Map<String, AttributeValue> tokenKey(String tokenHash) {
    return Map.of(TOKEN_HASH, s(tokenHash));
  }

  private Optional<Map<String, AttributeValue>> get(String what, String table, Map<String, AttributeValue> key) {
    return Dynamo.call(what, () -> {
      var response = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true));
      return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    });
  }

  private static TransactWriteItem putIfAbsent(String table, String keyAttribute, Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
        .conditionExpression("attribute_not_exists(#key)")
        .expressionAttributeNames(Map.of("#key", keyAttribute)).build()).build();
  }

  private static Map<String, AttributeValue> sessionToItem(Session session) {
    Map<String, AttributeValue> item = new HashMap<>(sessionKey(session.sessionId()));
    item.put(USER_ID, s(session.userId()));
    item.put(CREATED_AT, instant(session.createdAt()));
    item.put(EXPIRES_AT, epochSeconds(session.expiresAt()));
    session.revokedAt().ifPresent(v -> item.put(REVOKED_AT, instant(v)));
    session.revokeReason().ifPresent(v -> item.put(REVOKE_REASON, s(v)));
    return item;
  }

  private static Session itemToSession(Map<String, AttributeValue> item) {
    return new Session(
        string(item, SESSION_ID),
        string(item, USER_ID),
        Dynamo.instant(item, CREATED_AT),
        Dynamo.fromEpochSeconds(item, EXPIRES_AT),
        optInstant(item, REVOKED_AT),
        optString(item, REVOKE_REASON));
  }

  private static Map<String, AttributeValue> tokenToItem(RefreshTokenRecord token) {
    Map<String, AttributeValue> item = new HashMap<>(tokenKey(token.tokenHash()));
    item.put(SESSION_ID, s(token.sessionId()));
    item.put(USER_ID, s(token.userId()));
    item.put(ISSUED_AT, instant(token.issuedAt()));
    item.put(EXPIRES_AT, epochSeconds(token.expiresAt()));
    token.usedAt().ifPresent(v -> item.put(USED_AT, instant(v)));
    token.replacedBy().ifPresent(v -> item.put(REPLACED_BY, s(v)));
    return item;
  }

  private static RefreshTokenRecord itemToToken(Map<String, AttributeValue> item) {
    return new RefreshTokenRecord(
        string(item, TOKEN_HASH),
        string(item, SESSION_ID),
        string(item, USER_ID),
        Dynamo.instant(item, ISSUED_AT),
        Dynamo.fromEpochSeconds(item, EXPIRES_AT),
        optInstant(item, USED_AT),
        optString(item, REPLACED_BY));
  }
}
