package dev.apiplatform.server.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {

  @Test
  void normalize_trimsAndLowercases() {
    assertThat(EmailAddresses.normalize("  Jane.Doe@Example.COM \t")).contains("jane.doe@example.com");
  }

  @Test
  void normalize_acceptsCommonRealAddresses() {
    assertThat(EmailAddresses.normalize("jane+motion@mail.example.co.uk")).contains("jane+motion@mail.example.co.uk");
    assertThat(EmailAddresses.normalize("o'brien@example.ie")).contains("o'brien@example.ie");
    assertThat(EmailAddresses.normalize("a_b-c@sub-domain.example.io")).contains("a_b-c@sub-domain.example.io");
    assertThat(EmailAddresses.normalize("user@xn--bcher-kva.example")).isPresent();
  }

  @Test
  void normalize_refusesMissingAtOrDomain() {
    assertThat(EmailAddresses.normalize("jane.example.com")).isEmpty();
    assertThat(EmailAddresses.normalize("jane@")).isEmpty();
    assertThat(EmailAddresses.normalize("@example.com")).isEmpty();
    assertThat(EmailAddresses.normalize("jane@localhost")).isEmpty();
    assertThat(EmailAddresses.normalize("jane@example.c")).isEmpty();
    assertThat(EmailAddresses.normalize("jane@10.0.0.1")).isEmpty();
    assertThat(EmailAddresses.normalize(null)).isEmpty();
    assertThat(EmailAddresses.normalize("   ")).isEmpty();
  }

  @Test
  void normalize_refusesMalformedParts() {
    assertThat(EmailAddresses.normalize("ja ne@example.com")).isEmpty();
    assertThat(EmailAddresses.normalize("jane@@example.com")).isEmpty();
    assertThat(EmailAddresses.normalize("jane@doe@example.com")).isEmpty();
    assertThat(EmailAddresses.normalize(".jane@example.com")).isEmpty();
    assertThat(EmailAddresses.normalize("jane.@example.com")).isEmpty();
    assertThat(EmailAddresses.normalize("ja..ne@example.com")).isEmpty();
    assertThat(EmailAddresses.normalize("jane@example..com")).isEmpty();
    assertThat(EmailAddresses.normalize("jane@-example.com")).isEmpty();
    assertThat(EmailAddresses.normalize("jane@example-.com")).isEmpty();
    assertThat(EmailAddresses.normalize("\"jane\"@example.com")).isEmpty();
    assertThat(EmailAddresses.normalize("jane@exämple.com")).isEmpty();
    assertThat(EmailAddresses.normalize("jane@example.com\n")).contains("jane@example.com");
    assertThat(EmailAddresses.normalize("jane\n@example.com")).isEmpty();
  }

  @Test
  void normalize_enforcesLengthLimits() {
    String local64 = "a".repeat(64);
    assertThat(EmailAddresses.normalize(local64 + "@example.com")).isPresent();
    assertThat(EmailAddresses.normalize(local64 + "a@example.com")).isEmpty();
    String domain = "c".repeat(63) + "." + "c".repeat(63) + "." + "c".repeat(57) + ".com";
    assertThat(local64 + "@" + domain).hasSize(254);
    assertThat(EmailAddresses.normalize(local64 + "@" + domain)).isPresent();
    String longer = "c".repeat(63) + "." + "c".repeat(63) + "." + "c".repeat(58) + ".com";
    assertThat(local64 + "@" + longer).hasSize(255);
    assertThat(EmailAddresses.normalize(local64 + "@" + longer)).isEmpty();
  }

  @Test
  void seedTexts_areExposed() {
    assertThat(EmailAddresses.INVALID_MESSAGE).isEqualTo("Invalid email address");
    assertThat(EmailAddresses.INVALID_REASON).isEqualTo("Email must include an @ symbol and domain");
  }
}
