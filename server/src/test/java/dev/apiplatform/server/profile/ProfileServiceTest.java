package dev.apiplatform.server.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.error.ProblemTable;
import dev.apiplatform.server.identity.AccountGone;
import dev.apiplatform.server.identity.store.StaleUserException;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.identity.store.UserNotFoundException;
import dev.apiplatform.server.identity.store.UserStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileServiceTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** Just enough of a user store: versioned updates, and a number of writes that lose a race. */
  static final class Users implements UserStore {
    final Map<String, User> byId = new HashMap<>();
    int racesToLose;
    int updates;

    User put(User user) {
      User stored = new User(user.userId(), user.email(), user.phoneNumber(), user.passwordHash(), user.emailVerified(),
          user.phoneVerified(), user.status(), user.role(), user.firstName(), user.lastName(), user.selectedVoiceId(),
          user.createdAt(), user.updatedAt(), user.lastLoginAt(), 1);
      byId.put(user.userId(), stored);
      return stored;
    }

    @Override public User create(User user) { return put(user); }
    @Override public Optional<User> findById(String userId) { return Optional.ofNullable(byId.get(userId)); }
    @Override public Optional<User> findByEmail(String e) { throw new UnsupportedOperationException(); }
    @Override public Optional<User> findByPhone(String p) { throw new UnsupportedOperationException(); }
    @Override public User attachEmail(String u, String e, boolean v, long x) { throw new UnsupportedOperationException(); }
    @Override public User attachPhone(String u, String p, boolean v, long x) { throw new UnsupportedOperationException(); }
    @Override public Optional<dev.apiplatform.server.identity.store.SavedEvent.SavedList> findSavedEvents(String u) {
      throw new UnsupportedOperationException();
    }
    @Override public long replaceSavedEvents(String u, java.util.List<dev.apiplatform.server.identity.store.SavedEvent> e,
        long x) {
      throw new UnsupportedOperationException();
    }

    @Override
    public User update(User changed) {
      updates++;
      User current = byId.get(changed.userId());
      if (current == null) throw new UserNotFoundException(changed.userId());
      if (racesToLose > 0) {
        racesToLose--;
        // someone else wrote first: the stored version moves on
        byId.put(current.userId(), bump(current, current.selectedVoiceId()));
        throw new StaleUserException(changed.userId(), changed.version());
      }
      if (current.version() != changed.version()) throw new StaleUserException(changed.userId(), changed.version());
      User stored = bump(changed, changed.selectedVoiceId());
      byId.put(stored.userId(), stored);
      return stored;
    }

    private static User bump(User u, Optional<String> voice) {
      return new User(u.userId(), u.email(), u.phoneNumber(), u.passwordHash(), u.emailVerified(), u.phoneVerified(),
          u.status(), u.role(), u.firstName(), u.lastName(), voice, u.createdAt(), u.updatedAt().plusSeconds(1),
          u.lastLoginAt(), u.version() + 1);
    }
  }

  private final Users users = new Users();
  private final ProfileService service = new ProfileService(users, VoiceStyles.standard());

  private User phoneUser(String id) {
    return users.put(User.newUser(id, T0).withPhoneNumber("+14155550123", true));
  }

  @Test
  void get_withoutAChoice_showsTheDefaultVoice() {
    phoneUser("u1");
    ProfileService.Profile profile = service.get("u1");
    assertThat(profile.user().userId()).isEqualTo("u1");
    assertThat(profile.voice().id()).isEqualTo("hype");
  }

  @Test
  void get_unknownUser_isAnAuthenticationFailure() {
    assertThatThrownBy(() -> service.get("gone")).isInstanceOfSatisfying(AccountGone.class,
        e -> assertThat(ProblemTable.map(e).status()).isEqualTo(401));
  }

  @Test
  void selectVoice_storesTheChoice() {
    phoneUser("u1");
    ProfileService.Profile updated = service.selectVoice("u1", "haiku");
    assertThat(updated.voice().id()).isEqualTo("haiku");
    assertThat(users.byId.get("u1").selectedVoiceId()).contains("haiku");
    assertThat(updated.user().updatedAt()).isAfter(T0);
  }

  @Test
  void selectVoice_unknownId_is400NamingTheField_andWritesNothing() {
    phoneUser("u1");
    assertThatThrownBy(() -> service.selectVoice("u1", "opera")).isInstanceOfSatisfying(InvalidField.class, e -> {
      assertThat(ProblemTable.map(e).status()).isEqualTo(400);
      assertThat(ProblemTable.map(e).toProblem().errors()).singleElement()
          .satisfies(f -> assertThat(f.field()).isEqualTo("body.selected_voice_id"));
    });
    assertThat(users.updates).isZero();
  }

  @Test
  void selectVoice_sameAsStored_writesNothing() {
    phoneUser("u1");
    service.selectVoice("u1", "coach");
    service.selectVoice("u1", "coach");
    assertThat(users.updates).isEqualTo(1);
  }

  @Test
  void selectVoice_oneLostRace_isRetriedAndSucceeds() {
    phoneUser("u1");
    users.racesToLose = 1;
    assertThat(service.selectVoice("u1", "pirate").voice().id()).isEqualTo("pirate");
    assertThat(users.byId.get("u1").selectedVoiceId()).contains("pirate");
    assertThat(users.updates).isEqualTo(2);
  }

  @Test
  void selectVoice_twoLostRaces_isTheConflict() {
    phoneUser("u1");
    users.racesToLose = 2;
    assertThatThrownBy(() -> service.selectVoice("u1", "pirate")).isInstanceOf(StaleUserException.class);
    assertThat(users.updates).isEqualTo(2);
  }

  @Test
  void selectVoice_userDeletedMeanwhile_isAnAuthenticationFailure() {
    assertThatThrownBy(() -> service.selectVoice("gone", "pirate")).isInstanceOfSatisfying(AccountGone.class,
        e -> assertThat(ProblemTable.map(e).status()).isEqualTo(401));
  }
}
