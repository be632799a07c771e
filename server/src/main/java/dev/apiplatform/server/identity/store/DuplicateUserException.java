package dev.apiplatform.server.identity.store;

/** Another user already holds the e-mail address or phone number. */
public final class DuplicateUserException extends IdentityStoreException {

  /** Which unique attribute clashed. */
  public enum Field { EMAIL, PHONE }

  private final Field field;

  public DuplicateUserException(Field field) {
    super("Another user already has this " + (field == Field.EMAIL ? "e-mail address" : "phone number"), true);
    this.field = field;
  }

  public Field field() {
    return field;
  }

  /** Unhandled, a lost race on the user: 409, the client can retry. */
  @Override
  public Kind kind() {
    return Kind.CONFLICT;
  }
}
