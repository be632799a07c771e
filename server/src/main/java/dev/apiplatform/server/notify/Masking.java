package dev.apiplatform.server.notify;

/**
 * Shortens destinations for logs: enough to tell support which number or mailbox a message went
 * to when the user reads it back, not enough to harvest contact data from the log store.
 */
public final class Masking {

  private static final String UNKNOWN = "<none>";

  private Masking() {
  }

  /**
   * {@code +15551234567} becomes {@code +1******4567}: the leading digit hints at the country and
   * the last four are what people recognise. Numbers too short to keep both are fully starred.
   */
  public static String phone(String phone) {
    if (phone == null || phone.isBlank()) {
      return UNKNOWN;
    }
    String s = phone.strip();
    boolean plus = s.startsWith("+");
    String digits = plus ? s.substring(1) : s;
    if (digits.length() < 7) {
      return (plus ? "+" : "") + "*".repeat(digits.length());
    }
    return (plus ? "+" : "") + digits.charAt(0)
        + "*".repeat(digits.length() - 5) + digits.substring(digits.length() - 4);
  }

  /**
   * {@code john@example.com} becomes {@code j***@example.com}. The domain stays: it is rarely
   * personal and it is what matters when a provider rejects mail.
   */
  public static String email(String email) {
    if (email == null || email.isBlank()) {
      return UNKNOWN;
    }
    String s = email.strip();
    int at = s.lastIndexOf('@');
    if (at <= 0) {
      // not an address we understand: show nothing of it rather than guess where the name ends
      return "***";
    }
    return s.charAt(0) + "***" + s.substring(at);
  }
}
