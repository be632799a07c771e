package dev.apiplatform.conformance;

import java.util.Map;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of every group's conformance suite ({@code <Group>GroupTest extends GroupSuite}): the
 * whole class runs once per {@link Target}, server first, then mock, with the same scenarios.
 * A hook that differs by target is one method that switches on {@link #target}; a scenario only
 * one target can show goes into a plain class of its own ({@code <Group>FlowsTest} for the
 * server, {@link MockShapesTest} for the mock), never into an assumption that skips.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(Target.class)
abstract class GroupSuite {

  @Parameter Target target;

  ContractClient client() {
    return target.client();
  }

  /** Headers that make the target answer {@code status}: none on the server, a preference on the mock. */
  Map<String, String> producing(int status) {
    return target.producing(status);
  }

  boolean onServer() {
    return target == Target.SERVER;
  }
}
