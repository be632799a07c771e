package dev.apiplatform.server.identity.store;

import dev.apiplatform.server.testing.MutableClock;
import dev.apiplatform.server.storage.StoreTables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.identity.store.DuplicateUserException;
import dev.apiplatform.server.identity.store.DynamoUserStore;
import dev.apiplatform.server.identity.store.StaleUserException;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.identity.store.UserNotFoundException;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.apiplatform.server.testing.AtOnce;

class DynamoUserStoreTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

  private static StoreTables tables;
  private static MutableClock clock;
  private static DynamoUserStore store;

  @BeforeAll
  static void start() {
    tables = StoreTables.start();
    clock = new MutableClock(T0);
    store = new DynamoUserStore(tables.dynamo, tables.definitions, clock);
  }

  @AfterAll
  static void stop() {
    if (tables != null) tables.close();
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }

  private static String email() {
    return "u" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
  }

  private static String phone() {
    return "+4915" + (100000000L + (long) (Math.random() * 899999999L));
  }

  @Test
  void createdUserIsFoundByIdEmailAndPhone() {
    String email = email();
    String phone = phone();
    User user = User.newUser(id(), T0).withEmail(email, true).withPhoneNumber(phone, false)
        .withPasswordHash("$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA")
        .withNames(Optional.of("Ada"), Optional.of("Lovelace"));

    User created = store.create(user);

    assertThat(created.version()).isEqualTo(1);
    assertThat(store.findById(user.userId())).contains(created);
    assertThat(store.findByEmail(email)).contains(created);
    assertThat(store.findByPhone(phone)).contains(created);
    assertThat(created.createdAt()).isEqualTo(T0);
    assertThat(created.emailVerified()).isTrue();
    assertThat(created.phoneVerified()).isFalse();
    assertThat(created.role()).isEqualTo(User.ROLE_PATIENT);
  }

  @Test
  void unknownUserIsNotFound() {
    assertThat(store.findById(id())).isEmpty();
    assertThat(store.findByEmail(email())).isEmpty();
    assertThat(store.findByPhone(phone())).isEmpty();
  }

  @Test
  void markersAreNeitherUsersNorInTheEmailIndex() {
    String email = email();
    User created = store.create(User.newUser(id(), T0).withEmail(email, false));

    assertThat(store.findById("email#" + email)).isEmpty();
    // the GSI is eventually consistent; on DynamoDB Local it is immediate
    var indexed = tables.dynamo.query(r -> r.tableName(tables.definitions.tableName(StorageDefinitions.USERS_TABLE))
        .indexName(StorageDefinitions.USERS_EMAIL_INDEX)
        .keyConditionExpression("#e = :e")
        .expressionAttributeNames(Map.of("#e", "email"))
        .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(email)))).items();
    assertThat(indexed).singleElement()
        .satisfies(item -> assertThat(item.get("user_id").s()).isEqualTo(created.userId()));
  }

  @Test
  void userIdWithHashIsRefused() {
    assertThatThrownBy(() -> store.create(User.newUser("email#x", T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentSignUpsWithOneEmailCreateExactlyOneUser() throws Exception {
    String email = email();
    int threads = 8;
    List<String> candidateIds = new ArrayList<>();
    List<AtOnce.Outcome<User>> outcomes = AtOnce.run(threads, i -> {
      User candidate = User.newUser(id(), T0).withEmail(email, false);
      candidateIds.add(candidate.userId());
      return () -> store.create(candidate);
    });
    List<User> created = outcomes.stream().filter(AtOnce.Outcome::succeeded).map(AtOnce.Outcome::value).toList();
    assertThat(created).hasSize(1);
    assertThat(outcomes).filteredOn(o -> !o.succeeded()).hasSize(threads - 1).allSatisfy(o -> assertThat(o.failure())
        .isInstanceOfSatisfying(DuplicateUserException.class,
            d -> assertThat(d.field()).isEqualTo(DuplicateUserException.Field.EMAIL)));
    assertThat(store.findByEmail(email)).contains(created.get(0));
    // the losers left nothing behind
    assertThat(candidateIds.stream().filter(u -> store.findById(u).isPresent()))
        .containsExactly(created.get(0).userId());
  }

  @Test
  void failedSignUpLeavesNoUserBehind() {
    String email = email();
    store.create(User.newUser(id(), T0).withEmail(email, false));
    User loser = User.newUser(id(), T0).withEmail(email, false).withPhoneNumber(phone(), false);

    assertThatThrownBy(() -> store.create(loser)).isInstanceOf(DuplicateUserException.class);

    assertThat(store.findById(loser.userId())).isEmpty();
    assertThat(store.findByPhone(loser.phoneNumber().get())).isEmpty();
  }

  @Test
  void duplicatePhoneIsReportedAsPhone() {
    String phone = phone();
    store.create(User.newUser(id(), T0).withPhoneNumber(phone, true));

    assertThatThrownBy(() -> store.create(User.newUser(id(), T0).withEmail(email(), false).withPhoneNumber(phone, false)))
        .isInstanceOfSatisfying(DuplicateUserException.class,
            d -> assertThat(d.field()).isEqualTo(DuplicateUserException.Field.PHONE));
  }

  @Test
  void updateWritesNextVersionAndUpdatedAt() {
    User created = store.create(User.newUser(id(), T0).withEmail(email(), false));
    clock.advance(Duration.ofMinutes(1));

    User updated = store.update(created.withEmailVerified(true).withRole(User.ROLE_CLINICIAN)
        .withLastLoginAt(clock.instant()).withSelectedVoiceId(Optional.of("voice-7")));

    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.updatedAt()).isEqualTo(clock.instant());
    assertThat(updated.createdAt()).isEqualTo(T0);
    assertThat(store.findById(created.userId())).contains(updated);

    User cleared = store.update(updated.withSelectedVoiceId(Optional.empty()));
    assertThat(store.findById(created.userId()).get().selectedVoiceId()).isEmpty();
    assertThat(cleared.version()).isEqualTo(3);
  }

  @Test
  void updateWithStaleVersionIsRefused() {
    User created = store.create(User.newUser(id(), T0));
    store.update(created.withRole(User.ROLE_ADMIN));

    assertThatThrownBy(() -> store.update(created.withRole(User.ROLE_RESEARCHER)))
        .isInstanceOf(StaleUserException.class);
    assertThat(store.findById(created.userId()).get().role()).isEqualTo(User.ROLE_ADMIN);
  }

  @Test
  void updateCannotChangeEmailOrPhone() {
    User created = store.create(User.newUser(id(), T0).withEmail(email(), false));

    assertThatThrownBy(() -> store.update(created.withEmail(email(), true)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.update(created.withPhoneNumber(phone(), true)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findById(created.userId())).contains(created);
  }

  @Test
  void updateOfMissingUserIsNotFound() {
    assertThatThrownBy(() -> store.update(User.newUser(id(), T0)))
        .isInstanceOf(UserNotFoundException.class);
  }

  @Test
  void attachPhoneAddsTheNumberAndItsMarker() {
    User created = store.create(User.newUser(id(), T0).withEmail(email(), true));
    String phone = phone();

    User attached = store.attachPhone(created.userId(), phone, true, created.version());

    assertThat(attached.phoneNumber()).contains(phone);
    assertThat(attached.phoneVerified()).isTrue();
    assertThat(attached.version()).isEqualTo(2);
    assertThat(store.findByPhone(phone)).contains(attached);
  }

  @Test
  void attachPhoneHeldByAnotherUserClashes() {
    String phone = phone();
    store.create(User.newUser(id(), T0).withPhoneNumber(phone, true));
    User other = store.create(User.newUser(id(), T0).withEmail(email(), true));

    assertThatThrownBy(() -> store.attachPhone(other.userId(), phone, other.version()))
        .isInstanceOfSatisfying(DuplicateUserException.class,
            d -> assertThat(d.field()).isEqualTo(DuplicateUserException.Field.PHONE));
    assertThat(store.findById(other.userId())).contains(other);
  }

  @Test
  void attachWithStaleVersionIsRefused() {
    User created = store.create(User.newUser(id(), T0));
    store.update(created.withRole(User.ROLE_ADMIN));
    String email = email();

    assertThatThrownBy(() -> store.attachEmail(created.userId(), email, created.version()))
        .isInstanceOf(StaleUserException.class);
    assertThat(store.findByEmail(email)).isEmpty();
  }

  @Test
  void attachingANewEmailReleasesTheOldOne() {
    String oldEmail = email();
    String newEmail = email();
    User created = store.create(User.newUser(id(), T0).withEmail(oldEmail, true));

    User changed = store.attachEmail(created.userId(), newEmail, created.version());

    assertThat(changed.email()).contains(newEmail);
    assertThat(changed.emailVerified()).isFalse();
    assertThat(store.findByEmail(newEmail)).contains(changed);
    assertThat(store.findByEmail(oldEmail)).isEmpty();
    // the old address is free for someone else now
    assertThat(store.create(User.newUser(id(), T0).withEmail(oldEmail, false)).email()).contains(oldEmail);
  }

  @Test
  void attachingTheSameEmailAgainChangesNothing() {
    String email = email();
    User created = store.create(User.newUser(id(), T0).withEmail(email, false));

    assertThat(store.attachEmail(created.userId(), email, created.version())).isEqualTo(created);
    User verified = store.attachEmail(created.userId(), email, true, created.version());
    assertThat(verified.emailVerified()).isTrue();
    assertThat(verified.version()).isEqualTo(2);
  }

  @Test
  void attachToMissingUserIsNotFound() {
    assertThatThrownBy(() -> store.attachEmail(id(), email(), 1))
        .isInstanceOf(UserNotFoundException.class);
  }
}
