package dev.apiplatform.server.jobs;

import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.StoreCalls;
import dev.apiplatform.server.storage.StoreUnavailableException;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Records what job handlers have done, so a redelivered message does nothing twice. Two ways,
 * by the kind of effect:
 * <ul>
 *   <li>{@link #applyOnce}: the effect is a DynamoDB write. It is written in one transaction with
 *       the ledger entry ({@code attribute_not_exists}), so it happens exactly once however often
 *       the message comes.</li>
 *   <li>{@link #claim} / {@link Claim#complete()}: the effect is outside (an SMS, an email). A
 *       claim is a conditional put with a lease; a second delivery finds the entry DONE and skips,
 *       or finds a live lease and backs off. A consumer killed between sending and
 *       {@code complete} leaves an expired lease: the next delivery sends again. That window (one
 *       call) is the only duplicate left, which no queue can close for a non-transactional
 *       receiver.</li>
 * </ul>
 */
public final class EffectLedger {

  private static final Logger LOG = LoggerFactory.getLogger(EffectLedger.class);
  private static final String KEY = "effect_key";
  private static final String STATE = "state";
  private static final String TOKEN = "claim_token";
  private static final String LEASE = "lease_until";
  private static final String AT = "recorded_at";
  private static final String EXPIRES = StorageDefinitions.TTL_ATTRIBUTE;
  private static final String DONE = "DONE";
  private static final String CLAIMED = "CLAIMED";
  /** Entries outlive any redelivery: SQS keeps a message at most 14 days. */
  private static final Duration KEEP = Duration.ofDays(15);

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public EffectLedger(DynamoDbClient dynamo, StorageDefinitions definitions, Clock clock) {
    this.dynamo = dynamo;
    this.table = definitions.tableName(JobTables.JOB_EFFECTS_TABLE);
    this.clock = clock;
  }

  /**
   * Writes {@code effects} and the ledger entry {@code effectKey} together, unless the entry
   * exists. {@code effects} may carry their own conditions; if one fails, nothing is written and
   * {@link ConditionalCheckFailedException} is thrown.
   *
   * @return true if written now, false if this effect had already been applied
   */
  public boolean applyOnce(String effectKey, List<TransactWriteItem> effects) {
    Instant now = clock.instant();
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
        .item(Map.of(KEY, s(effectKey), STATE, s(DONE), AT, s(now.toString()), EXPIRES, epoch(now.plus(KEEP))))
        .conditionExpression("attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k", KEY)).build()).build());
    items.addAll(effects);
    Optional<List<String>> reasons = Dynamo.transact("Effect ledger write", dynamo, items);
    if (reasons.isEmpty()) return true;
    // only the ledger entry's condition failed: the effect was applied before
    if (Dynamo.conditionFailed(reasons.get(), 0)) return false;
    if (reasons.get().contains(Dynamo.CONDITION_FAILED)) {
      throw ConditionalCheckFailedException.builder().message("An effect's condition failed").build();
    }
    // cancelled without reasons: the delivery fails and the message is retried
    throw new StoreUnavailableException("Effect ledger write cancelled without reasons");
  }

  /** The outcome of {@link #claim}. */
  public enum ClaimState { CLAIMED, ALREADY_DONE, BUSY }

  /** A claim on an outside effect; {@link #complete()} after the effect, {@link #release()} if it failed. */
  public final class Claim {
    private final String key;
    private final String token;
    private final ClaimState state;

    private Claim(String key, String token, ClaimState state) {
      this.key = key;
      this.token = token;
      this.state = state;
    }

    public ClaimState state() {
      return state;
    }

    /** Marks the effect done; later deliveries skip it. */
    public void complete() {
      requireClaimed();
      Instant now = clock.instant();
      StoreCalls.dynamo("Effect ledger complete", () -> dynamo.putItem(r -> r.tableName(table)
          .item(Map.of(KEY, s(key), STATE, s(DONE), AT, s(now.toString()), EXPIRES, epoch(now.plus(KEEP))))));
    }

    /** Gives the claim up (the effect did not happen), so a retry may claim at once. */
    public void release() {
      requireClaimed();
      try {
        StoreCalls.dynamo("Effect ledger release", () -> dynamo.deleteItem(r -> r.tableName(table)
            .key(Map.of(KEY, s(key))).conditionExpression("#t = :t")
            .expressionAttributeNames(Map.of("#t", TOKEN)).expressionAttributeValues(Map.of(":t", s(token)))));
      } catch (ConditionalCheckFailedException lost) {
        // our lease had expired and another delivery holds it now: nothing of ours to release
      }
    }

    private void requireClaimed() {
      if (state != ClaimState.CLAIMED) throw new IllegalStateException("Not claimed: " + state);
    }
  }

  /**
   * Claims {@code effectKey} for {@code lease} (longer than the effect takes): CLAIMED means do
   * it now; ALREADY_DONE means skip; BUSY means another delivery holds a live lease (retry later).
   */
  public Claim claim(String effectKey, Duration lease) {
    Instant now = clock.instant();
    String token = UUID.randomUUID().toString();
    try {
      StoreCalls.dynamo("Effect ledger claim", () -> dynamo.putItem(r -> r.tableName(table)
          .item(Map.of(KEY, s(effectKey), STATE, s(CLAIMED), TOKEN, s(token), LEASE, epochMillis(now.plus(lease)),
              AT, s(now.toString()), EXPIRES, epoch(now.plus(KEEP))))
          .conditionExpression("attribute_not_exists(#k) OR (#s = :claimed AND #l < :now)")
          .expressionAttributeNames(Map.of("#k", KEY, "#s", STATE, "#l", LEASE))
          .expressionAttributeValues(Map.of(":claimed", s(CLAIMED), ":now", epochMillis(now)))));
      return new Claim(effectKey, token, ClaimState.CLAIMED);
    } catch (ConditionalCheckFailedException taken) {
      Optional<String> state = StoreCalls.dynamo("Effect ledger read", () -> Optional.ofNullable(
          dynamo.getItem(r -> r.tableName(table).key(Map.of(KEY, s(effectKey))).consistentRead(true)).item())
          .map(i -> i.get(STATE)).map(AttributeValue::s));
      return new Claim(effectKey, token, state.filter(DONE::equals).isPresent() ? ClaimState.ALREADY_DONE
          : ClaimState.BUSY);
    }
  }

  /** Whether {@code effectKey} is recorded as done. */
  public boolean isDone(String effectKey) {
    Map<String, AttributeValue> item = StoreCalls.dynamo("Effect ledger read", () -> dynamo.getItem(r -> r
        .tableName(table).key(Map.of(KEY, s(effectKey))).consistentRead(true)).item());
    return item != null && item.get(STATE) != null && DONE.equals(item.get(STATE).s());
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue epoch(Instant t) {
    return AttributeValue.fromN(Long.toString(t.getEpochSecond()));
  }

  private static AttributeValue epochMillis(Instant t) {
    return AttributeValue.fromN(Long.toString(t.toEpochMilli()));
  }
}
