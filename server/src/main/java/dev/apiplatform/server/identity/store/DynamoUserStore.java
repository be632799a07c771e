package dev.apiplatform.server.identity.store;

import static dev.apiplatform.server.storage.Dynamo.bool;
import static dev.apiplatform.server.storage.Dynamo.instant;
import static dev.apiplatform.server.storage.Dynamo.n;
import static dev.apiplatform.server.storage.Dynamo.optString;
import static dev.apiplatform.server.storage.Dynamo.s;

import static dev.apiplatform.server.identity.store.UserItems.*;

import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.StoreUnavailableException;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link UserStore} on the {@code Users} table. Uniqueness of e-mail and phone number is held by
 * marker items in the same table ({@code user_id} = {@code email#<address>} or
 * {@code phone#<E.164>}, attribute {@code owner_user_id}), written in the same transaction as the
 * user with {@code attribute_not_exists(user_id)}. Lookups read the marker, then the user, both
 * strongly consistent; the {@code email-index}/{@code phoneNumber-index} GSIs (eventually
 * consistent) are not used for them. Markers have no {@code email}/{@code phoneNumber}
 * attribute, so they never appear in those indexes.
 */
public final class DynamoUserStore implements UserStore {


  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public DynamoUserStore(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this(dynamo, definitions, Clock.systemUTC());
  }

  public DynamoUserStore(DynamoDbClient dynamo, StorageDefinitions definitions, Clock clock) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = definitions.tableName(StorageDefinitions.USERS_TABLE);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public User create(User user) {
    if (user.userId().isBlank() || user.userId().contains("#")) {
      throw new IllegalArgumentException("A user id must be non-blank and contain no '#'");
    }
    user.email().ifPresent(e -> requireNonBlank(e, "email"));
    user.phoneNumber().ifPresent(p -> requireNonBlank(p, "phoneNumber"));
    User stored = withVersion(user, 1, user.updatedAt());

    List<TransactWriteItem> items = new ArrayList<>();
    List<DuplicateUserException.Field> markerFields = new ArrayList<>();
    items.add(putIfAbsent(userToItem(stored)));
    user.email().ifPresent(e -> {
      items.add(putIfAbsent(markerItem(EMAIL_MARKER + e, user.userId(), user.createdAt())));
      markerFields.add(DuplicateUserException.Field.EMAIL);
    });
    user.phoneNumber().ifPresent(p -> {
      items.add(putIfAbsent(markerItem(PHONE_MARKER + p, user.userId(), user.createdAt())));
      markerFields.add(DuplicateUserException.Field.PHONE);
    });

    Optional<List<String>> failed = Dynamo.transact("Creating user", dynamo, items);
    if (failed.isEmpty()) return stored;
    List<String> reasons = failed.get();
    for (int i = 0; i < markerFields.size(); i++) {
      if (Dynamo.conditionFailed(reasons, i + 1)) throw new DuplicateUserException(markerFields.get(i));
    }
    if (Dynamo.conditionFailed(reasons, 0)) {
      throw new IdentityStoreException("User id " + user.userId() + " exists already");
    }
    // no usable reasons: learn from the state which condition failed
    if (user.email().isPresent() && markerOwner(EMAIL_MARKER + user.email().get()).isPresent()) {
      throw new DuplicateUserException(DuplicateUserException.Field.EMAIL);
    }
    if (user.phoneNumber().isPresent() && markerOwner(PHONE_MARKER + user.phoneNumber().get()).isPresent()) {
      throw new DuplicateUserException(DuplicateUserException.Field.PHONE);
    }
    throw new IdentityStoreException("Creating user " + user.userId() + " was cancelled: " + reasons);
  }

  @Override
  public Optional<User> findById(String userId) {
    return getItem(userId).filter(item -> !item.containsKey(OWNER)).map(UserItems::itemToUser);
  }

  @Override
  public Optional<User> findByEmail(String normalizedEmail) {
    return markerOwner(EMAIL_MARKER + normalizedEmail)
        .flatMap(this::findById)
        .filter(u -> u.email().equals(Optional.of(normalizedEmail)));
  }

  @Override
  public Optional<User> findByPhone(String e164) {
    return markerOwner(PHONE_MARKER + e164)
        .flatMap(this::findById)
        .filter(u -> u.phoneNumber().equals(Optional.of(e164)));
  }

  @Override
  public User update(User changed) {
    Instant now = clock.instant();
    long next = changed.version() + 1;
    Dynamo.Update u = new Dynamo.Update()
        .setOrRemove(PASSWORD_HASH, changed.passwordHash().map(Dynamo::s))
        .set(EMAIL_VERIFIED, bool(changed.emailVerified()))
        .set(PHONE_VERIFIED, bool(changed.phoneVerified()))
        .set(STATUS, s(changed.status()))
        .set(ROLE, s(changed.role()))
        .setOrRemove(FIRST_NAME, changed.firstName().map(Dynamo::s))
        .setOrRemove(LAST_NAME, changed.lastName().map(Dynamo::s))
        .setOrRemove(SELECTED_VOICE_ID, changed.selectedVoiceId().map(Dynamo::s))
        .setOrRemove(LAST_LOGIN_AT, changed.lastLoginAt().map(Dynamo::instant))
        .set(UPDATED_AT, instant(now))
        .set(VERSION, n(next));
    String condition = "attribute_exists(" + u.name(ID) + ") AND " + u.name(VERSION) + " = "
        + u.value("expected", n(changed.version()))
        + " AND " + sameOrAbsent(u, EMAIL, changed.email())
        + " AND " + sameOrAbsent(u, PHONE, changed.phoneNumber());
    boolean written = Dynamo.call("Updating user", () -> {
      try {
        dynamo.updateItem(r -> r.tableName(table).key(key(changed.userId()))
            .updateExpression(u.expression())
            .conditionExpression(condition)
            .expressionAttributeNames(u.names())
            .expressionAttributeValues(u.values()));
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    });
    if (!written) {
      User current = findById(changed.userId()).orElseThrow(() -> new UserNotFoundException(changed.userId()));
      if (current.version() != changed.version()) throw new StaleUserException(changed.userId(), changed.version());
      throw new IllegalArgumentException("E-mail and phone number change only through attachEmail/attachPhone");
    }
    return withVersion(changed, next, now);
  }

  @Override
  public User attachEmail(String userId, String normalizedEmail, boolean verified, long expectedVersion) {
    return attach(userId, DuplicateUserException.Field.EMAIL, normalizedEmail, verified, expectedVersion);
  }

  @Override
  public User attachPhone(String userId, String e164, boolean verified, long expectedVersion) {
    return attach(userId, DuplicateUserException.Field.PHONE, e164, verified, expectedVersion);
  }

  private User attach(String userId, DuplicateUserException.Field field, String value, boolean verified,
      long expectedVersion) {
    requireNonBlank(value, field.name().toLowerCase());
    boolean email = field == DuplicateUserException.Field.EMAIL;
    String attribute = email ? EMAIL : PHONE;
    String verifiedAttribute = email ? EMAIL_VERIFIED : PHONE_VERIFIED;
    String prefix = email ? EMAIL_MARKER : PHONE_MARKER;

    User current = findById(userId).orElseThrow(() -> new UserNotFoundException(userId));
    if (current.version() != expectedVersion) throw new StaleUserException(userId, expectedVersion);
    Optional<String> old = email ? current.email() : current.phoneNumber();
    if (old.equals(Optional.of(value))) {
      boolean wasVerified = email ? current.emailVerified() : current.phoneVerified();
      if (!verified || wasVerified) return current;
      return update(email ? current.withEmailVerified(true) : current.withPhoneVerified(true));
    }

    Instant now = clock.instant();
    long next = expectedVersion + 1;
    Dynamo.Update u = new Dynamo.Update()
        .set(attribute, s(value))
        .set(verifiedAttribute, bool(verified))
        .set(UPDATED_AT, instant(now))
        .set(VERSION, n(next));
    String condition = "attribute_exists(" + u.name(ID) + ") AND " + u.name(VERSION) + " = "
        + u.value("expected", n(expectedVersion)) + " AND " + sameOrAbsent(u, attribute, old);
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(userId))
        .updateExpression(u.expression()).conditionExpression(condition)
        .expressionAttributeNames(u.names()).expressionAttributeValues(u.values()).build()).build());
    items.add(putIfAbsent(markerItem(prefix + value, userId, now)));
    old.ifPresent(o -> items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
        .key(key(prefix + o))
        .conditionExpression("#owner = :owner")
        .expressionAttributeNames(Map.of("#owner", OWNER))
        .expressionAttributeValues(Map.of(":owner", s(userId))).build()).build()));

    Optional<List<String>> failed = Dynamo.transact("Attaching " + attribute, dynamo, items);
    if (failed.isEmpty()) {
      User attached = email ? current.withEmail(value, verified) : current.withPhoneNumber(value, verified);
      return withVersion(attached, next, now);
    }
    List<String> reasons = failed.get();
    Optional<String> owner = markerOwner(prefix + value);
    if (Dynamo.conditionFailed(reasons, 1) || owner.filter(o -> !o.equals(userId)).isPresent()) {
      throw new DuplicateUserException(field);
    }
    User latest = findById(userId).orElseThrow(() -> new UserNotFoundException(userId));
    if (latest.version() != expectedVersion) throw new StaleUserException(userId, expectedVersion);
    throw new IdentityStoreException("Attaching " + attribute + " to " + userId + " was cancelled: " + reasons);
  }

  // --- keys and items ---------------------------------------------------------------------

  @Override
  public Optional<SavedEvent.SavedList> findSavedEvents(String userId) {
    return getItem(userId).filter(item -> !item.containsKey(OWNER))
        .map(item -> new SavedEvent.SavedList(SavedEventItems.read(item), Dynamo.number(item, VERSION)));
  }

  @Override
  public long replaceSavedEvents(String userId, List<SavedEvent> events, long expectedVersion) {
    long next = expectedVersion + 1;
    boolean written = Dynamo.call("Updating saved events", () -> {
      try {
        dynamo.updateItem(r -> r.tableName(table).key(key(userId))
            .updateExpression("SET #l = :l, #v = :next, #u = :now")
            .conditionExpression("attribute_exists(#id) AND attribute_not_exists(#o) AND #v = :expected")
            .expressionAttributeNames(Map.of("#l", SavedEventItems.SAVED_EVENTS, "#v", VERSION, "#u", UPDATED_AT,
                "#id", ID, "#o", OWNER))
            .expressionAttributeValues(Map.of(":l", SavedEventItems.write(events), ":next", n(next),
                ":now", instant(clock.instant()), ":expected", n(expectedVersion))));
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    });
    if (written) return next;
    if (findById(userId).isEmpty()) throw new UserNotFoundException(userId);
    throw new StaleUserException(userId, expectedVersion);
  }

  private Optional<Map<String, AttributeValue>> getItem(String id) {
    return Dynamo.call("Reading user", () -> {
      var response = dynamo.getItem(r -> r.tableName(table).key(key(id)).consistentRead(true));
      return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    });
  }

  private Optional<String> markerOwner(String markerId) {
    return getItem(markerId).flatMap(item -> optString(item, OWNER));
  }

  private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
        .conditionExpression("attribute_not_exists(#id)")
        .expressionAttributeNames(Map.of("#id", ID)).build()).build();
  }

  private static String sameOrAbsent(Dynamo.Update u, String attribute, Optional<String> value) {
    return value.isPresent()
        ? u.name(attribute) + " = " + u.value("same_" + attribute, s(value.get()))
        : "attribute_not_exists(" + u.name(attribute) + ")";
  }

  private static User withVersion(User u, long version, Instant updatedAt) {
    return new User(u.userId(), u.email(), u.phoneNumber(), u.passwordHash(), u.emailVerified(),
        u.phoneVerified(), u.status(), u.role(), u.firstName(), u.lastName(), u.selectedVoiceId(),
        u.createdAt(), updatedAt, u.lastLoginAt(), version);
  }

  private static void requireNonBlank(String value, String what) {
    if (value.isBlank()) throw new IllegalArgumentException(what + " must not be blank");
  }
}
