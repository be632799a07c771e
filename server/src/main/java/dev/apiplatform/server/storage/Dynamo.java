package dev.apiplatform.server.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * What every repository shares: SDK-exception fencing, the one transaction retry policy, and
 * attribute mapping. The only code that calls the DynamoDB client's transaction API.
 */
public final class Dynamo {

  /** Cancellation reason code of an item whose condition failed. */
  public static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final String NONE = "None";
  /**
   * Cancellation reasons that say nothing about our conditions, only that now was a bad moment:
   * another transaction on the same item (DynamoDB cancels both sides of a collision), or
   * throttling. Worth another attempt. Any other reason (ValidationError,
   * ItemCollectionSizeLimitExceeded, ...) will not change on retry: the store is unavailable.
   */
  private static final Set<String> TRANSIENT = Set.of("TransactionConflict", "ThrottlingError",
      "ProvisionedThroughputExceeded");
  private static final int TRANSACTION_ATTEMPTS = 6;

  private Dynamo() {}

  /** Runs {@code call}; any SDK exception it lets out becomes a {@link StoreUnavailableException}. */
  public static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new StoreUnavailableException(what + " failed: " + e.getMessage(), e);
    }
  }

  public static void run(String what, Runnable call) {
    call(what, () -> {
      call.run();
      return null;
    });
  }

  /**
   * Writes the items in one transaction: the one retry policy. Decided per cancellation:
   * <ul>
   *   <li>a condition failed: returned at once, the caller knows what it means (taken, stale, sold);
   *   <li>only transient reasons ({@code TransactionConflict}, throttling): tried again with a short
   *       jittered backoff, {@value #TRANSACTION_ATTEMPTS} attempts in all, then
   *       {@link TransactionContendedException} (a 503 unless the caller makes it a 409);
   *   <li>any other reason: {@link StoreUnavailableException} at once;
   *   <li>no reasons at all: returned empty, callers read the state to learn why.
   * </ul>
   *
   * @return empty when written; else one cancellation reason code per item, in item order
   *     ({@code "None"} for the items that were fine)
   */
  public static Optional<List<String>> transact(String what, DynamoDbClient dynamo, List<TransactWriteItem> items) {
    return call(what, () -> {
      for (int attempt = 1; ; attempt++) {
        try {
          dynamo.transactWriteItems(r -> r.transactItems(items));
          return Optional.empty();
        } catch (TransactionCanceledException e) {
          List<String> codes = new ArrayList<>();
          if (e.hasCancellationReasons()) {
            for (CancellationReason reason : e.cancellationReasons()) {
              codes.add(reason.code() == null ? NONE : reason.code());
            }
          }
          if (codes.contains(CONDITION_FAILED) || codes.isEmpty() || codes.stream().allMatch(NONE::equals)) {
            return Optional.of(List.copyOf(codes));
          }
          boolean onlyTransient = codes.stream().allMatch(c -> c.equals(NONE) || TRANSIENT.contains(c));
          if (!onlyTransient) throw new StoreUnavailableException(what + " cancelled: " + codes, e);
          if (attempt >= TRANSACTION_ATTEMPTS) {
            throw new TransactionContendedException(what + " kept colliding: " + codes, e);
          }
          backoff(attempt);
        } catch (TransactionConflictException e) {
          if (attempt >= TRANSACTION_ATTEMPTS) throw new TransactionContendedException(what + " kept colliding", e);
          backoff(attempt);
        }
      }
    });
  }

  /** Whether the item at {@code index} failed its condition, per {@link #transact}'s reasons. */
  public static boolean conditionFailed(List<String> reasons, int index) {
    return index < reasons.size() && CONDITION_FAILED.equals(reasons.get(index));
  }

  private static void backoff(int attempt) {
    long max = Math.min(200, 10L << attempt);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(max / 2, max + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("Interrupted while retrying a transaction");
    }
  }

  // --- attribute values ---------------------------------------------------------------------

  public static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  public static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  public static AttributeValue bool(boolean value) {
    return AttributeValue.fromBool(value);
  }

  public static AttributeValue instant(Instant value) {
    return AttributeValue.fromS(value.toString());
  }

  /** TTL form: epoch seconds. */
  public static AttributeValue epochSeconds(Instant value) {
    return n(value.getEpochSecond());
  }

  public static String string(Map<String, AttributeValue> item, String name) {
    return optString(item, name).orElseThrow(() -> new StorageException("Stored item lacks " + name));
  }

  public static Optional<String> optString(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? Optional.empty() : Optional.of(v.s());
  }

  public static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null || v.n() == null) throw new StorageException("Stored item lacks " + name);
    return Long.parseLong(v.n());
  }

  public static boolean bool(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v != null && Boolean.TRUE.equals(v.bool());
  }

  public static Instant instant(Map<String, AttributeValue> item, String name) {
    return Instant.parse(string(item, name));
  }

  public static Optional<Instant> optInstant(Map<String, AttributeValue> item, String name) {
    return optString(item, name).map(Instant::parse);
  }

  public static Instant fromEpochSeconds(Map<String, AttributeValue> item, String name) {
    return Instant.ofEpochSecond(number(item, name));
  }

  /** The live rule of every TTL'd item: {@code expires_at > now} in epoch seconds. */
  public static boolean live(Map<String, AttributeValue> item, String ttlAttribute, Instant now) {
    return number(item, ttlAttribute) > now.getEpochSecond();
  }

  /**
   * Builds an update expression with {@code #name}/{@code :value} placeholders, plus the
   * condition's own names and values.
   */
  public static final class Update {
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    /** {@code #attr}, registered. */
    public String name(String attribute) {
      String placeholder = "#" + attribute.replaceAll("[^A-Za-z0-9_]", "_");
      names.put(placeholder, attribute);
      return placeholder;
    }

    /** {@code :label}, registered with its value. */
    public String value(String label, AttributeValue value) {
      String placeholder = ":" + label;
      values.put(placeholder, value);
      return placeholder;
    }

    public Update set(String attribute, AttributeValue value) {
      sets.add(name(attribute) + " = " + value(attribute.replaceAll("[^A-Za-z0-9_]", "_"), value));
      return this;
    }

    public Update setOrRemove(String attribute, Optional<AttributeValue> value) {
      if (value.isPresent()) {
        set(attribute, value.get());
      } else {
        removes.add(name(attribute));
      }
      return this;
    }

    public Update add(String attribute, AttributeValue value) {
      adds.add(name(attribute) + " " + value("add_" + attribute.replaceAll("[^A-Za-z0-9_]", "_"), value));
      return this;
    }

    public String expression() {
      StringBuilder b = new StringBuilder();
      if (!sets.isEmpty()) b.append("SET ").append(String.join(", ", sets));
      if (!removes.isEmpty()) b.append(b.isEmpty() ? "" : " ").append("REMOVE ").append(String.join(", ", removes));
      if (!adds.isEmpty()) b.append(b.isEmpty() ? "" : " ").append("ADD ").append(String.join(", ", adds));
      return b.toString();
    }

    public Map<String, String> names() {
      return Map.copyOf(names);
    }

    public Map<String, AttributeValue> values() {
      return Map.copyOf(values);
    }
  }
}
