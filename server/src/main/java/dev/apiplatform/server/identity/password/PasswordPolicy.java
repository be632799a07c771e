package dev.apiplatform.server.identity.password;

import java.util.Locale;
import java.util.Optional;

/**
 * The password rules of seed 001 (Motion, formerly enforced by Cognito) with its exact texts,
 * plus two refusals Cognito's policy lacked: passwords from a list of common ones, and
 * passwords containing the account's email name. Checks run in a fixed order and the first
 * failure is reported, so a client sees one actionable reason at a time.
 */
public final class PasswordPolicy {

  public static final String MESSAGE = "Password does not meet requirements";
  public static final String REASON_TOO_SHORT = "Password must be at least 8 characters";
  public static final String REASON_TOO_LONG = "Password must be at most 128 characters";
  public static final String REASON_CHARACTER_CLASSES =
      "Password must have uppercase, lowercase, number, and symbol characters";
  public static final String REASON_CONTAINS_EMAIL = "Password must not contain your email address";
  public static final String REASON_COMMON = "Password is too common";

  public static final int MIN_LENGTH = 8;
  /** Bounds the work of hashing and of the common-password check on hostile input. */
  public static final int MAX_LENGTH = 128;
  // shorter email names ("jo", "a") occur inside too many unrelated passwords to refuse on
  private static final int MIN_EMAIL_NAME = 3;

  private final CommonPasswords common;

  public PasswordPolicy() {
    this.common = CommonPasswords.instance();
  }

  /**
   * Returns the first rule {@code password} breaks, or empty when it is acceptable. Lengths count
   * code points, so an emoji is one character as the user sees it.
   */
  public Optional<PolicyViolation> check(String password, Optional<String> email) {
    String pw = password == null ? "" : password;
    int length = pw.codePointCount(0, pw.length());
    if (length < MIN_LENGTH) {
      return violation(REASON_TOO_SHORT);
    }
    if (length > MAX_LENGTH) {
      return violation(REASON_TOO_LONG);
    }
    if (!hasAllCharacterClasses(pw)) {
      return violation(REASON_CHARACTER_CLASSES);
    }
    if (email.isPresent() && containsEmailName(pw, email.get())) {
      return violation(REASON_CONTAINS_EMAIL);
    }
    if (common.isCommon(pw)) {
      return violation(REASON_COMMON);
    }
    return Optional.empty();
  }

  private static boolean hasAllCharacterClasses(String pw) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean symbol = false;
    for (int i = 0; i < pw.length(); ) {
      int cp = pw.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isUpperCase(cp)) {
        upper = true;
      } else if (Character.isLowerCase(cp)) {
        lower = true;
      } else if (Character.isDigit(cp)) {
        digit = true;
      } else if (!Character.isLetter(cp)) {
        // Cognito's "special character" set plus anything else that is neither letter nor digit
        symbol = true;
      }
    }
    return upper && lower && digit && symbol;
  }

  private static boolean containsEmailName(String pw, String email) {
    int at = email.lastIndexOf('@');
    String local = (at < 0 ? email : email.substring(0, at)).strip().toLowerCase(Locale.ROOT);
    String haystack = pw.toLowerCase(Locale.ROOT);
    // "jane+motion@..." is still Jane's address: check the name before any sub-address tag too
    int plus = local.indexOf('+');
    String base = plus < 0 ? local : local.substring(0, plus);
    return contains(haystack, local) || contains(haystack, base);
  }

  private static boolean contains(String haystack, String name) {
    return name.length() >= MIN_EMAIL_NAME && haystack.contains(name);
  }

  private static Optional<PolicyViolation> violation(String reason) {
    return Optional.of(new PolicyViolation(MESSAGE, reason));
  }
}
