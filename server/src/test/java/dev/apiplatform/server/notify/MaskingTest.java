package dev.apiplatform.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void phone_keepsCountryDigitAndLastFour() {
    assertThat(Masking.phone("+15551234567")).isEqualTo("+1******4567");
    assertThat(Masking.phone("+447911123456")).isEqualTo("+4*******3456");
  }

  @Test
  void phone_shortOrMissing_revealsNothingUseful() {
    assertThat(Masking.phone("+12345")).isEqualTo("+*****");
    assertThat(Masking.phone(null)).isEqualTo("<none>");
    assertThat(Masking.phone("  ")).isEqualTo("<none>");
  }

  @Test
  void email_keepsFirstLetterAndDomain() {
    assertThat(Masking.email("john@example.com")).isEqualTo("j***@example.com");
    assertThat(Masking.email("a@b.io")).isEqualTo("a***@b.io");
  }

  @Test
  void email_malformed_isFullyHidden() {
    assertThat(Masking.email("no-at-sign")).isEqualTo("***");
    assertThat(Masking.email("@example.com")).isEqualTo("***");
    assertThat(Masking.email(null)).isEqualTo("<none>");
  }
}
