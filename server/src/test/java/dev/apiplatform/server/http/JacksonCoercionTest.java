package dev.apiplatform.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

/** The platform's JSON reads a contract type from its own JSON type only. */
class JacksonCoercionTest {

  record Flags(Boolean on, Integer count) {}

  private final ObjectMapper json = JacksonConfig.create();

  @Test
  void aNumberForABoolean_isRefused() {
    assertThatThrownBy(() -> json.readValue("{\"on\":0}", Flags.class)).isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> json.readValue("{\"on\":1}", Flags.class)).isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void aFractionForAnInteger_isRefused() {
    assertThatThrownBy(() -> json.readValue("{\"count\":2.5}", Flags.class)).isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void theRightTypes_areRead() throws Exception {
    assertThat(json.readValue("{\"on\":true,\"count\":3}", Flags.class)).isEqualTo(new Flags(true, 3));
  }
}
