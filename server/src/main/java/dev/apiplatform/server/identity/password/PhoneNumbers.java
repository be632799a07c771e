package dev.apiplatform.server.identity.password;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers as SNS needs them: E.164 ({@code +15551234567}). Only input already in that
 * form is accepted; guessing a country for national formats would silently text the wrong
 * person. libphonenumber then checks the number can exist (valid length and prefix for its
 * country), so SMS sends and rate-limit keys are not spent on impossible numbers.
 */
public final class PhoneNumbers {

  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {
  }

  /** The number in E.164 form, or empty when it is not a valid E.164 number. */
  public static Optional<String> normalizeE164(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String candidate = raw.strip();
    if (!E164.matcher(candidate).matches()) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(candidate, null); // region unused: the number has a +
      if (!UTIL.isValidNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
