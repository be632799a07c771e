package dev.apiplatform.server.storage;

import dev.apiplatform.server.config.Stage;
import java.util.List;

/**
 * The one place that names every table and bucket the platform uses. Resource groups add their
 * tables here; {@link StorageBootstrap} creates whatever is missing at start. Physical names are
 * prefixed by stage ({@code dev-Users}), so stages can share an account without sharing data.
 *
 * @param tables logical table definitions (unprefixed names)
 * @param buckets logical bucket names (unprefixed)
 */
public record StorageDefinitions(Stage stage, String bucketNamespace, List<TableDefinition> tables, List<String> buckets) {

  /** The bucket for user media (Echoes audio and later uploads); also what /health probes. */
  public static final String MEDIA_BUCKET = "media";

  /**
   * Identity: users, keyed by {@code user_id}. The same table also holds the uniqueness markers
   * {@code email#<normalized email>} and {@code phone#<E.164>} (attribute {@code owner_user_id}),
   * which carry no {@code email}/{@code phoneNumber} attribute and so never appear in the indexes.
   */
  public static final String USERS_TABLE = "Users";
  public static final String USERS_PHONE_INDEX = "phoneNumber-index";
  public static final String USERS_EMAIL_INDEX = "email-index";
  /** Reserved for the Strava link (Motion); nothing writes {@code stravaUserId} yet. */
  public static final String USERS_STRAVA_INDEX = "stravaUserId-index";
  /** Identity: one-time codes (email, SMS), keyed by {@code code_key}. */
  public static final String CODES_TABLE = "Codes";
  /** Identity: sign-in sessions, keyed by {@code session_id}. */
  public static final String SESSIONS_TABLE = "Sessions";
  /** Sessions by owner, to revoke every session of a user. */
  public static final String SESSIONS_USER_INDEX = "user_id-index";
  /** Identity: refresh tokens, keyed by the token's hash ({@code token_hash}). */
  public static final String REFRESH_TOKENS_TABLE = "RefreshTokens";
  /** Identity: fixed-window and failure counters (send limits, sign-in backoff), keyed by {@code counter_key}. */
  public static final String COUNTERS_TABLE = "Counters";
  /**
   * The DynamoDB TTL attribute (epoch seconds) of {@code Codes}, {@code Sessions},
   * {@code RefreshTokens} and {@code Counters} items. TTL deletion is lazy (and DynamoDB Local
   * ignores it), so readers check expiry themselves; TTL only keeps the tables small.
   */
  public static final String TTL_ATTRIBUTE = "expires_at";

  /** Marketplace: items for sale, keyed by the client-chosen {@code item_id}. */
  public static final String ITEMS_TABLE = "Items";
  /** Items by status, newest first ({@code list_key} = created_at#item_id): browsing ACTIVE items. */
  public static final String ITEMS_STATUS_INDEX = "status-index";
  /** Items by owner, newest first: {@code owner=me}. */
  public static final String ITEMS_OWNER_INDEX = "owner-index";
  /** Marketplace: offers on items, keyed by {@code offer_id}. */
  public static final String OFFERS_TABLE = "Offers";
  /** Offers on one item, oldest first ({@code list_key} = created_at#offer_id). */
  public static final String OFFERS_ITEM_INDEX = "item-index";
  /** Responses of POSTs made with an {@code Idempotency-Key}, keyed by caller#key; TTL 24 h. */
  public static final String IDEMPOTENCY_TABLE = "Idempotency";

  /** Echoes: audio moments, keyed by {@code userId} + {@code echoId}. */
  public static final String ECHOES_TABLE = "Echoes";
  /** One owner's echoes, newest first ({@code listKey} = createdAt#echoId). */
  public static final String ECHOES_USER_INDEX = "user-index";
  /** One owner's echoes of one emotion ({@code userEmotion} = userId#emotion), newest first. */
  public static final String ECHOES_EMOTION_INDEX = "emotion-index";

  /**
   * The platform's definitions: the identity tables ({@code Users}, {@code Codes},
   * {@code Sessions}, {@code RefreshTokens}, {@code Counters}; the system group stores nothing)
   * and the media bucket.
   */
  public static StorageDefinitions platform(Stage stage, String bucketNamespace) {
    List<TableDefinition> tables = List.of(
        TableDefinition.of(USERS_TABLE, "user_id")
            .withIndex(USERS_PHONE_INDEX, "phoneNumber", null)
            .withIndex(USERS_EMAIL_INDEX, "email", null)
            .withIndex(USERS_STRAVA_INDEX, "stravaUserId", null),
        TableDefinition.of(CODES_TABLE, "code_key"),
        TableDefinition.of(SESSIONS_TABLE, "session_id")
            .withIndex(SESSIONS_USER_INDEX, "user_id", null),
        TableDefinition.of(REFRESH_TOKENS_TABLE, "token_hash"),
        TableDefinition.of(COUNTERS_TABLE, "counter_key"),
        TableDefinition.of(ITEMS_TABLE, "item_id")
            .withIndex(ITEMS_STATUS_INDEX, "status", "list_key")
            .withIndex(ITEMS_OWNER_INDEX, "owner_id", "list_key"),
        TableDefinition.of(OFFERS_TABLE, "offer_id")
            .withIndex(OFFERS_ITEM_INDEX, "item_id", "list_key"),
        TableDefinition.of(IDEMPOTENCY_TABLE, "idempotency_key"),
        TableDefinition.of(ECHOES_TABLE, "userId").withSortKey("echoId")
            .withIndex(ECHOES_USER_INDEX, "userId", "listKey")
            .withIndex(ECHOES_EMOTION_INDEX, "userEmotion", "listKey"));
    return new StorageDefinitions(stage, bucketNamespace, tables, List.of(MEDIA_BUCKET));
  }

  public String tableName(String logicalName) {
    return stage.prefix() + logicalName;
  }

  /** S3 names are global and lowercase: stage, namespace, then the logical name. */
  public String bucketName(String logicalName) {
    return stage.prefix() + bucketNamespace + "-" + logicalName;
  }
}
