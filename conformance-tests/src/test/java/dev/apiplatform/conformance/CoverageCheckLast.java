package dev.apiplatform.conformance;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The suite's one class order (junit-platform.properties): by class name, except that
 * {@link CoverageCheckTest} runs last, after every exchange of every other class was counted.
 * Nothing else may depend on class order, so no class carries a hand-numbered {@code @Order}.
 */
public final class CoverageCheckLast implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(
        Comparator.comparing((ClassDescriptor d) -> d.getTestClass() == CoverageCheckTest.class)
            .thenComparing(d -> d.getTestClass().getName()));
  }
}
