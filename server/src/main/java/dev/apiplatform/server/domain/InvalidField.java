package dev.apiplatform.server.domain;

/**
 * One field breaks a rule the schema cannot express (a currency code, a price's decimals, a
 * cursor). Answered like schema validation: the field as {@code body.x} / {@code query.x}, a
 * message and a machine-readable code.
 */
public class InvalidField extends DomainException {

  private final String field;
  private final String message;
  private final String code;

  public InvalidField(String field, String message, String code) {
    super("1 field is invalid");
    this.field = field;
    this.message = message;
    this.code = code;
  }

  public String field() {
    return field;
  }

  public String message() {
    return message;
  }

  public String code() {
    return code;
  }
}
