package dev.apiplatform.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.ext.ParamConverter;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StrictNumberParamsTest {

  private static <T> ParamConverter<T> converter(Class<T> type) {
    return new StrictNumberParams().getConverter(type, type, new java.lang.annotation.Annotation[0]);
  }

  @Test
  void valuesInTheContractsForms_convert() {
    assertThat(converter(Integer.class).fromString("20")).isEqualTo(20);
    assertThat(converter(Integer.class).fromString("-3")).isEqualTo(-3);
    assertThat(converter(Long.class).fromString("9000000000")).isEqualTo(9_000_000_000L);
    assertThat(converter(Double.class).fromString("-73.98")).isEqualTo(-73.98);
    assertThat(converter(Double.class).fromString("1.5e2")).isEqualTo(150.0);
    assertThat(converter(BigDecimal.class).fromString("17.50")).isEqualByComparingTo("17.50");
    assertThat(converter(Boolean.class).fromString("false")).isFalse();
    assertThat(converter(Boolean.class).fromString("true")).isTrue();
  }

  @Test
  void anAbsentValue_isLeftToTheDefault() {
    assertThat(converter(Integer.class).fromString(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "2.0", "1e3", "0x10", "12abc", "99999999999"})
  void integerInOtherForms_isRefused(String text) {
    assertThatThrownBy(() -> converter(Integer.class).fromString(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(value = {"''", "NaN", "Infinity", "-Infinity", "0x1p3", "1d", "1.5f", "+1", ".5", "5.", "' 5'", "1e99999"},
      quoteCharacter = '\'')
  void numberInOtherForms_isRefused(String text) {
    assertThatThrownBy(() -> converter(Double.class).fromString(text)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> converter(BigDecimal.class).fromString(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDoubleBeyondItsRange_isRefused_aDecimalIsLeftToTheContractsBounds() {
    assertThatThrownBy(() -> converter(Double.class).fromString("1e400")).isInstanceOf(IllegalArgumentException.class);
    assertThat(converter(BigDecimal.class).fromString("1e400")).isEqualByComparingTo("1e400");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yes", "1", "TRUE", "False"})
  void booleanOtherThanTrueOrFalse_isRefused(String text) {
    assertThatThrownBy(() -> converter(Boolean.class).fromString(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void otherTypes_areLeftToJersey() {
    assertThat(new StrictNumberParams().getConverter(String.class, String.class, new java.lang.annotation.Annotation[0]))
        .isNull();
  }
}
