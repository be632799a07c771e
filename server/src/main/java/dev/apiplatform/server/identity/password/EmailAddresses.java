package dev.apiplatform.server.identity.password;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Canonical form of account email addresses: trimmed and lower-cased, so that one mailbox is one
 * account and look-ups by email are exact key reads.
 *
 * <p>Validation is a pragmatic subset of RFC 5322: dot-atom local parts only (no quoted strings,
 * comments or IP-literal domains) and ASCII domain names (internationalized domains in their
 * {@code xn--} form). That accepts every address real sign-ups use and refuses what mail
 * providers would reject anyway, before we pay for an SES send.
 */
public final class EmailAddresses {

  /** Seed 001's 400 body for an address that does not validate. */
  public static final String INVALID_MESSAGE = "Invalid email address";
  public static final String INVALID_REASON = "Email must include an @ symbol and domain";

  public static final int MAX_LENGTH = 254; // RFC 5321 path limit minus the angle brackets
  public static final int MAX_LOCAL_LENGTH = 64;

  private static final String ATEXT = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final Pattern LOCAL = Pattern.compile(ATEXT + "(?:\\." + ATEXT + ")*");
  private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
  // at least two labels; the top-level label is alphabetic or punycode, never all digits
  private static final Pattern DOMAIN =
      Pattern.compile("(?:" + LABEL + "\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})");

  private EmailAddresses() {
  }

  /** The canonical address, or empty when {@code raw} is not an address we accept. */
  public static Optional<String> normalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String email = raw.strip().toLowerCase(Locale.ROOT);
    if (email.isEmpty() || email.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    int at = email.indexOf('@');
    if (at <= 0 || at != email.lastIndexOf('@')) {
      return Optional.empty();
    }
    String local = email.substring(0, at);
    String domain = email.substring(at + 1);
    if (local.length() > MAX_LOCAL_LENGTH
        || !LOCAL.matcher(local).matches()
        || !DOMAIN.matcher(domain).matches()) {
      return Optional.empty();
    }
    return Optional.of(email);
  }
}
