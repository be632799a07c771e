package dev.apiplatform.server.identity.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/** What the identity stores share: SDK-exception fencing, transactions, attribute mapping. */
final class Dynamo {

  /** Cancellation reason code of an item whose condition failed. */
  static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final String CONFLICT = "TransactionConflict";
  private static final String NONE = "None";
  private static final int TRANSACTION_ATTEMPTS = 6;

  private Dynamo() {}

  /** Runs {@code call}; any SDK exception it lets out becomes a {@link StoreUnavailableException}. */
  static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new StoreUnavailableException(what + " failed: " + e.getMessage(), e);
    }
  }

  static void run(String what, Runnable call) {
    call(what, () -> {
      call.run();
      return null;
    });
  }

  /**
   * Writes the items in one transaction. A transaction cancelled only because it collided with
   * another one in flight ({@code TransactionConflict}) is tried again with a short jittered
   * backoff; DynamoDB cancels both sides of such a collision, so the retry decides.
   *
   * @return empty when written; else one cancellation reason code per item, in item order
   *     ({@code "None"} for the items that were fine; the list may be empty when the service
   *     gave no reasons, then callers read the state to learn why)
   */
  static Optional<List<String>> transact(String what, DynamoDbClient dynamo, List<TransactWriteItem> items) {
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
          boolean conditionFailed = codes.contains(CONDITION_FAILED);
          boolean onlyConflicts = !codes.isEmpty()
              && codes.stream().allMatch(c -> c.equals(CONFLICT) || c.equals(NONE));
          if (conditionFailed || !onlyConflicts || attempt >= TRANSACTION_ATTEMPTS) {
            if (!conditionFailed && !codes.isEmpty() && !codes.stream().allMatch(NONE::equals)) {
              throw new StoreUnavailableException(what + " cancelled: " + codes, e);
            }
            return Optional.of(List.copyOf(codes));
          }
          backoff(attempt);
        } catch (TransactionConflictException e) {
          if (attempt >= TRANSACTION_ATTEMPTS) throw e;
          backoff(attempt);
        }
      }
    });
  }

  /** Whether the item at {@code index} failed its condition, per {@link #transact}'s reasons. */
  static boolean conditionFailed(List<String> reasons, int index) {
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

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static AttributeValue bool(boolean value) {
    return AttributeValue.fromBool(value);
  }

  static AttributeValue instant(Instant value) {
    return AttributeValue.fromS(value.toString());
  }

  /** TTL form: epoch seconds. */
  static AttributeValue epochSeconds(Instant value) {
    return n(value.getEpochSecond());
  }

  static String string(Map<String, AttributeValue> item, String name) {
    return optString(item, name).orElseThrow(() -> new IdentityStoreException("Stored item lacks " + name));
  }

  static Optional<String> optString(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? Optional.empty() : Optional.of(v.s());
  }

  static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null || v.n() == null) throw new IdentityStoreException("Stored item lacks " + name);
    return Long.parseLong(v.n());
  }

  static boolean bool(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v != null && Boolean.TRUE.equals(v.bool());
  }

  static Instant instant(Map<String, AttributeValue> item, String name) {
    return Instant.parse(string(item, name));
  }

  static Optional<Instant> optInstant(Map<String, AttributeValue> item, String name) {
    return optString(item, name).map(Instant::parse);
  }

  static Instant fromEpochSeconds(Map<String, AttributeValue> item, String name) {
    return Instant.ofEpochSecond(number(item, name));
  }

  /** The live rule of every TTL'd item: {@code expires_at > now} in epoch seconds. */
  static boolean live(Map<String, AttributeValue> item, String ttlAttribute, Instant now) {
    return number(item, ttlAttribute) > now.getEpochSecond();
  }

  /**
   * Builds an update expression with {@code #name}/{@code :value} placeholders, plus the
   * condition's own names and values.
   */
  static final class Update {
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    /** {@code #attr}, registered. */
    String name(String attribute) {
      String placeholder = "#" + attribute.replaceAll("[^A-Za-z0-9_]", "_");
      names.put(placeholder, attribute);
      return placeholder;
    }

    /** {@code :label}, registered with its value. */
    String value(String label, AttributeValue value) {
      String placeholder = ":" + label;
      values.put(placeholder, value);
      return placeholder;
    }

    Update set(String attribute, AttributeValue value) {
      sets.add(name(attribute) + " = " + value(attribute.replaceAll("[^A-Za-z0-9_]", "_"), value));
      return this;
    }

    Update setOrRemove(String attribute, Optional<AttributeValue> value) {
      if (value.isPresent()) {
        set(attribute, value.get());
      } else {
        removes.add(name(attribute));
      }
      return this;
    }

    Update add(String attribute, AttributeValue value) {
      adds.add(name(attribute) + " " + value("add_" + attribute.replaceAll("[^A-Za-z0-9_]", "_"), value));
      return this;
    }

    String expression() {
      StringBuilder b = new StringBuilder();
      if (!sets.isEmpty()) b.append("SET ").append(String.join(", ", sets));
      if (!removes.isEmpty()) b.append(b.isEmpty() ? "" : " ").append("REMOVE ").append(String.join(", ", removes));
      if (!adds.isEmpty()) b.append(b.isEmpty() ? "" : " ").append("ADD ").append(String.join(", ", adds));
      return b.toString();
    }

    Map<String, String> names() {
      return Map.copyOf(names);
    }

    Map<String, AttributeValue> values() {
      return Map.copyOf(values);
    }
  }
}
