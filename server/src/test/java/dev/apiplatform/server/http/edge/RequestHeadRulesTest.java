package dev.apiplatform.server.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written token and digit checks say what the regular expressions they replaced said. */
class RequestHeadRulesTest {

  private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]{1,18}");

  @ParameterizedTest
  @ValueSource(strings = {"GET", "Host", "X-Request-ID", "a!#$%&'*+.^_`|~-9z", "", " ", "Host ", "Ho st", "Höst",
      "a:b", "a/b", "a\"b", "(", ")", "<", ">", "@", ",", ";", "=", "?", "[", "]", "{", "}", "\\", "\t", "\u007f"})
  void aTokenIsWhatRfc9110Says(String text) {
    assertThat(RequestHeadRules.isToken(text)).isEqualTo(TOKEN.matcher(text).matches());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "12", "123456789012345678", "1234567890123456789", "", "12abc", "-1", "+1", " 1", "1.0",
      "\u0661"})
  void aContentLengthIsOneToEighteenAsciiDigits(String text) {
    assertThat(RequestHeadRules.digits(text)).isEqualTo(DIGITS.matcher(text).matches());
  }
}
