package dev.apiplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;

/**
 * The suite is only as strict as its validator: these prove that a response breaking the
 * contract is reported, so a green conformance run means something.
 */
class ContractValidatorSelfTest {

  private static ValidationReport validate(String path, SimpleResponse response) {
    return ContractClient.validator().validate(new SimpleRequest.Builder("GET", path).build(), response);
  }

  private static SimpleResponse.Builder json(int status, String body) {
    return SimpleResponse.Builder.status(status)
        .withContentType("application/json")
        .withHeader("X-Request-ID", "abc")
        .withBody(body);
  }

  @Test
  void conformingResponse_passes() {
    assertThat(validate("/healthz", json(200, "{\"status\":\"ok\"}").build()).hasErrors()).isFalse();
  }

  @Test
  void valueOutsideTheEnum_isReported() {
    assertThat(validate("/healthz", json(200, "{\"status\":\"fine\"}").build()).hasErrors()).isTrue();
  }

  @Test
  void missingRequiredField_isReported() {
    assertThat(validate("/", json(200, "{\"name\":\"x\",\"version\":\"1\"}").build()).hasErrors()).isTrue();
  }

  @Test
  void undocumentedStatus_isReported() {
    assertThat(validate("/healthz", json(418, "{\"status\":\"ok\"}").build()).hasErrors()).isTrue();
  }

  @Test
  void missingRequiredHeader_isReported() {
    SimpleResponse noRequestId = SimpleResponse.Builder.status(200)
        .withContentType("application/json").withBody("{\"status\":\"ok\"}").build();
    assertThat(validate("/healthz", noRequestId).hasErrors()).isTrue();
  }

  @Test
  void unknownPath_isNotAnOperation() {
    assertThat(Bundle.get().match("GET", "/nope")).isEmpty();
    assertThat(Bundle.get().match("GET", "/healthz")).isPresent();
  }
}
