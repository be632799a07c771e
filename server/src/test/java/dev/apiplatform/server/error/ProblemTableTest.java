package dev.apiplatform.server.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.domain.DomainException;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.domain.VersionMismatch;
import dev.apiplatform.server.identity.InvalidRefreshToken;
import dev.apiplatform.server.identity.WeakPassword;
import dev.apiplatform.server.items.ItemNotFound;
import dev.apiplatform.server.offers.OfferNotAcceptable;
import org.junit.jupiter.api.Test;

class ProblemTableTest {

  @Test
  void aSubclass_isAnsweredByItsNearestMappedAncestor() {
    Problem p = ProblemTable.map(new ItemNotFound("i1")).toProblem();
    assertThat(p.type()).isEqualTo("/problems/not-found");
    assertThat(p.status()).isEqualTo(404);
    assertThat(p.title()).isEqualTo("Resource not found");
    assertThat(p.detail()).isEqualTo("No item with id 'i1'");

    Problem conflict = ProblemTable.map(new OfferNotAcceptable("Item 'i1' is SOLD")).toProblem();
    assertThat(conflict.type()).isEqualTo("/problems/conflict");
    assertThat(conflict.status()).isEqualTo(409);
  }

  @Test
  void versionMismatch_is412PreconditionFailed() {
    ApiException answer = ProblemTable.map(new VersionMismatch("stale"));
    assertThat(answer.status()).isEqualTo(412);
    assertThat(answer.toProblem().type()).isEqualTo("/problems/precondition-failed");
    assertThat(answer.toProblem().title()).isEqualTo("Precondition failed");
  }

  @Test
  void invalidField_looksLikeSchemaValidation_withTheOneField() {
    Problem p = ProblemTable.map(new InvalidField("body.price", "must be at most 10000000", "max")).toProblem();
    assertThat(p.type()).isEqualTo("/problems/validation");
    assertThat(p.title()).isEqualTo("Request validation failed");
    assertThat(p.detail()).isEqualTo("1 field is invalid");
    assertThat(p.errors()).containsExactly(new Problem.FieldError("body.price", "must be at most 10000000", "max"));
  }

  @Test
  void policyRefusals_carrySeed001MessageAndReason() {
    Problem p = ProblemTable.map(new WeakPassword("Password does not meet requirements", "too short")).toProblem();
    assertThat(p.type()).isEqualTo("/problems/weak-password");
    assertThat(p.title()).isEqualTo("Password does not meet requirements");
    assertThat(p.detail()).isEqualTo("too short");
    assertThat(p.message()).isEqualTo("Password does not meet requirements");
    assertThat(p.reason()).isEqualTo("too short");
  }

  @Test
  void aBadRefreshToken_challengesWithInvalidToken() {
    ApiException answer = ProblemTable.map(new InvalidRefreshToken());
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"platform\", error=\"invalid_token\"");
  }

  @Test
  void aRefusalWithoutARow_failsLoudly_namingTheClass() {
    class Unmapped extends DomainException {
      Unmapped() {
        super("nobody mapped me");
      }
    }
    assertThatThrownBy(() -> ProblemTable.map(new Unmapped()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("No row in ProblemTable");
  }
}
