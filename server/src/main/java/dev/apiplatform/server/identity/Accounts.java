package dev.apiplatform.server.identity;

import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.identity.store.UserStore;
import java.util.Optional;

/** A signed-in user's own account: read it, change the fields a user may change. */
public final class Accounts {

  private final UserStore users;

  public Accounts(UserStore users) {
    this.users = users;
  }

  public User get(String userId) {
    // a valid token for a user that no longer exists is an authentication failure, not a 404
    return users.findById(userId).orElseThrow(AccountGone::new);
  }

  /** Names only: role, verification state, id and contact points are not the user's to set here. */
  public User updateNames(String userId, Optional<String> firstName, Optional<String> lastName) {
    User user = get(userId);
    return users.update(user.withNames(firstName.or(user::firstName), lastName.or(user::lastName)));
  }

  /** For the account service's health: one real read of the user store. */
  public boolean storeAnswers() {
    try {
      users.findById("health-probe");
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
