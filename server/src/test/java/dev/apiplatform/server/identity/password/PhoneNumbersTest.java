package dev.apiplatform.server.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

  @Test
  void normalizeE164_acceptsValidNumbers() {
    assertThat(PhoneNumbers.normalizeE164("+14155552671")).contains("+14155552671");
    assertThat(PhoneNumbers.normalizeE164("+447911123456")).contains("+447911123456");
    assertThat(PhoneNumbers.normalizeE164("+819012345678")).contains("+819012345678");
    assertThat(PhoneNumbers.normalizeE164(" +14155552671 ")).contains("+14155552671");
  }

  @Test
  void normalizeE164_refusesNonE164Formatting() {
    assertThat(PhoneNumbers.normalizeE164("4155552671")).isEmpty();
    assertThat(PhoneNumbers.normalizeE164("(415) 555-2671")).isEmpty();
    assertThat(PhoneNumbers.normalizeE164("+1 415 555 2671")).isEmpty();
    assertThat(PhoneNumbers.normalizeE164("+1-415-555-2671")).isEmpty();
    assertThat(PhoneNumbers.normalizeE164("001415552671")).isEmpty();
    assertThat(PhoneNumbers.normalizeE164("+04155552671")).isEmpty();
    assertThat(PhoneNumbers.normalizeE164("+1415555267１")).isEmpty(); // full-width digit
    assertThat(PhoneNumbers.normalizeE164(null)).isEmpty();
    assertThat(PhoneNumbers.normalizeE164("")).isEmpty();
  }

  @Test
  void normalizeE164_refusesWellFormedButImpossibleNumbers() {
    assertThat(PhoneNumbers.normalizeE164("+10005552671")).isEmpty(); // NANP area codes never start with 0
    assertThat(PhoneNumbers.normalizeE164("+4479111234567")).isEmpty(); // UK mobile one digit too long
    assertThat(PhoneNumbers.normalizeE164("+999123456789")).isEmpty(); // unassigned country code
    assertThat(PhoneNumbers.normalizeE164("+1234567890123456")).isEmpty(); // over 15 digits
  }
}
