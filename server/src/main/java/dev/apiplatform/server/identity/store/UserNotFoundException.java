package dev.apiplatform.server.identity.store;

/** A write addressed a user that does not exist. */
public final class UserNotFoundException extends IdentityStoreException {

  private final String userId;

  public UserNotFoundException(String userId) {
    super("No user " + userId, true);
    this.userId = userId;
  }

  public String userId() {
    return userId;
  }
}
