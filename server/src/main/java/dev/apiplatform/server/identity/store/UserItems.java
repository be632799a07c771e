package dev.apiplatform.server.identity.store;

import static dev.apiplatform.server.storage.Dynamo.bool;
import static dev.apiplatform.server.storage.Dynamo.instant;
import static dev.apiplatform.server.storage.Dynamo.n;
import static dev.apiplatform.server.storage.Dynamo.number;
import static dev.apiplatform.server.storage.Dynamo.optInstant;
import static dev.apiplatform.server.storage.Dynamo.optString;
import static dev.apiplatform.server.storage.Dynamo.s;
import static dev.apiplatform.server.storage.Dynamo.string;

import dev.apiplatform.server.storage.Dynamo;
import dev.apiplatform.server.storage.StoreUnavailableException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The {@code Users} table's attribute names and the mapping between items and {@link User}. */
final class UserItems {

  static final String ID = "user_id";
  static final String EMAIL = "email";
  static final String PHONE = "phoneNumber";
  static final String PASSWORD_HASH = "password_hash";
  static final String EMAIL_VERIFIED = "email_verified";
  static final String PHONE_VERIFIED = "phone_verified";
  static final String STATUS = "status";
  static final String ROLE = "role";
  static final String FIRST_NAME = "first_name";
  static final String LAST_NAME = "last_name";
  static final String SELECTED_VOICE_ID = "selected_voice_id";
  static final String CREATED_AT = "created_at";
  static final String UPDATED_AT = "updated_at";
  static final String LAST_LOGIN_AT = "last_login_at";
  static final String VERSION = "version";
  /** Only on markers: the user holding the address. */
  static final String OWNER = "owner_user_id";

  static final String EMAIL_MARKER = "email#";
  static final String PHONE_MARKER = "phone#";

  private UserItems() {}

  static Map<String, AttributeValue> key(String id) {
    return Map.of(ID, s(id));
  }

  static Map<String, AttributeValue> markerItem(String markerId, String ownerId, Instant at) {
    Map<String, AttributeValue> item = new HashMap<>(key(markerId));
    item.put(OWNER, s(ownerId));
    item.put(CREATED_AT, instant(at));
    return item;
  }

  static Map<String, AttributeValue> userToItem(User user) {
    Map<String, AttributeValue> item = new HashMap<>(key(user.userId()));
    user.email().ifPresent(v -> item.put(EMAIL, s(v)));
    user.phoneNumber().ifPresent(v -> item.put(PHONE, s(v)));
    user.passwordHash().ifPresent(v -> item.put(PASSWORD_HASH, s(v)));
    item.put(EMAIL_VERIFIED, bool(user.emailVerified()));
    item.put(PHONE_VERIFIED, bool(user.phoneVerified()));
    item.put(STATUS, s(user.status()));
    item.put(ROLE, s(user.role()));
    user.firstName().ifPresent(v -> item.put(FIRST_NAME, s(v)));
    user.lastName().ifPresent(v -> item.put(LAST_NAME, s(v)));
    user.selectedVoiceId().ifPresent(v -> item.put(SELECTED_VOICE_ID, s(v)));
    item.put(CREATED_AT, instant(user.createdAt()));
    item.put(UPDATED_AT, instant(user.updatedAt()));
    user.lastLoginAt().ifPresent(v -> item.put(LAST_LOGIN_AT, instant(v)));
    item.put(VERSION, n(user.version()));
    return item;
  }

  static User itemToUser(Map<String, AttributeValue> item) {
    return new User(
        string(item, ID),
        optString(item, EMAIL),
        optString(item, PHONE),
        optString(item, PASSWORD_HASH),
        Dynamo.bool(item, EMAIL_VERIFIED),
        Dynamo.bool(item, PHONE_VERIFIED),
        string(item, STATUS),
        string(item, ROLE),
        optString(item, FIRST_NAME),
        optString(item, LAST_NAME),
        optString(item, SELECTED_VOICE_ID),
        Dynamo.instant(item, CREATED_AT),
        Dynamo.instant(item, UPDATED_AT),
        optInstant(item, LAST_LOGIN_AT),
        number(item, VERSION));
  }
}
