package dev.apiplatform.server.storage;

import dev.apiplatform.server.config.Stage;
import java.util.List;

/**
 * The tables and buckets one start of the platform uses, and the logical names of today's
 * tables. Each resource group declares its own definitions ({@code ResourceGroup.tables()});
 * {@code Groups.storage} merges them and {@link StorageBootstrap} creates whatever is missing. Physical names are
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

  public String tableName(String logicalName) {
    return stage.prefix() + logicalName;
  }

  /** S3 names are global and lowercase: stage, namespace, then the logical name. */
  public String bucketName(String logicalName) {
    return stage.prefix() + bucketNamespace + "-" + logicalName;
  }
}
