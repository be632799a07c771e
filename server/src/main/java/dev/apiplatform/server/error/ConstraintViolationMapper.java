package dev.apiplatform.server.error;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Bean Validation failures on requests become a 400 listing each field as the client knows it
 * ({@code query.limit}, {@code path.item_id}, {@code body.price}). A violated constraint on a
 * return value is our bug, not the client's: it goes to the 500 path.
 */
public final class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  /** At most this many entries in errors[]; errors_total says how many there were. */
  public static final int MAX_ERRORS = 50;

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    boolean onResponse = exception.getConstraintViolations().stream()
        .anyMatch(v -> nodeKinds(v.getPropertyPath()).contains(ElementKind.RETURN_VALUE));
    if (onResponse) {
      throw new IllegalStateException("response violates the contract: " + exception.getMessage(), exception);
    }
    List<ConstraintViolation<?>> relevant = withoutElementsOfOversizedArrays(exception.getConstraintViolations());
    // Naming a field reflects over the resource; only the reported ones are named (bounded work).
    List<Problem.FieldError> errors = relevant.stream()
        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .limit(MAX_ERRORS)
        .map(ConstraintViolationMapper::toFieldError)
        .sorted(Comparator.comparing(Problem.FieldError::field))
        .toList();
    return ProblemResponses.of(Problems.validation(errors, relevant.size()), uriInfo);
  }

  /**
   * An array over its size limit is reported once, not once per element as well: 200,000
   * invalid image URLs are one error ("size"), so the answer stays small whatever the body held.
   */
  private static List<ConstraintViolation<?>> withoutElementsOfOversizedArrays(Set<? extends ConstraintViolation<?>> all) {
    Set<String> oversized = new HashSet<>();
    for (ConstraintViolation<?> v : all) {
      if (v.getConstraintDescriptor().getAnnotation() instanceof jakarta.validation.constraints.Size
          && v.getInvalidValue() instanceof java.util.Collection<?>) {
        oversized.add(v.getPropertyPath().toString());
      }
    }
    List<ConstraintViolation<?>> kept = new ArrayList<>(oversized.isEmpty() ? all.size() : oversized.size());
    for (ConstraintViolation<?> v : all) {
      if (oversized.isEmpty() || !insideOneOf(v.getPropertyPath().toString(), oversized)) kept.add(v);
    }
    return kept;
  }

  private static boolean insideOneOf(String path, Set<String> arrays) {
    int bracket = path.indexOf('[');
    while (bracket > 0) {
      if (arrays.contains(path.substring(0, bracket))) return true;
      bracket = path.indexOf('[', bracket + 1);
    }
    return false;
  }

  private static List<ElementKind> nodeKinds(Path path) {
    return java.util.stream.StreamSupport.stream(path.spliterator(), false).map(Path.Node::getKind).toList();
  }

  static Problem.FieldError toFieldError(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    Method method = null;
    java.lang.reflect.Type current = null;
    for (Path.Node node : violation.getPropertyPath()) {
      switch (node.getKind()) {
        case METHOD -> method = findMethod(violation.getRootBeanClass(), node.getName()).orElse(null);
        case PARAMETER -> {
          int index = node.as(Path.ParameterNode.class).getParameterIndex();
          field.append(parameterName(method, index, node.getName()));
          current = method == null ? null : method.getGenericParameterTypes()[index];
        }
        case PROPERTY, BEAN, CONTAINER_ELEMENT -> {
          if (node.getIndex() != null || node.getKey() != null) current = JsonNames.elementType(current);
          if (node.getName() != null) {
            field.append('.').append(JsonNames.of(current, node.getName()));
            current = JsonNames.propertyType(current, node.getName());
          }
          if (node.getIndex() != null) field.append('[').append(node.getIndex()).append(']');
        }
        default -> { }
      }
    }
    String code = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    return new Problem.FieldError(field.length() == 0 ? "body" : field.toString(), violation.getMessage(), codeFor(code));
  }

  private static Optional<Method> findMethod(Class<?> type, String name) {
    return Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).findFirst();
  }

  /** The parameter as the client sent it: the JAX-RS annotation names its location and name. */
  private static String parameterName(Method method, int index, String fallback) {
    if (method == null) return fallback;
    for (Class<?> type : hierarchy(method.getDeclaringClass())) {
      try {
        Method declared = type.getMethod(method.getName(), method.getParameterTypes());
        for (Annotation a : declared.getParameterAnnotations()[index]) {
          if (a instanceof QueryParam q) return "query." + q.value();
          if (a instanceof PathParam p) return "path." + p.value();
          if (a instanceof HeaderParam h) return "header." + h.value();
          if (a instanceof CookieParam c) return "cookie." + c.value();
        }
      } catch (NoSuchMethodException ignored) {
        // not declared on this type; keep looking
      }
    }
    return "body";
  }

  private static List<Class<?>> hierarchy(Class<?> type) {
    List<Class<?>> types = new java.util.ArrayList<>();
    types.add(type);
    types.addAll(Arrays.asList(type.getInterfaces()));
    return types;
  }

  private static String codeFor(String annotation) {
    return switch (annotation) {
      case "NotNull", "NotBlank", "NotEmpty" -> "required";
      case "Min", "DecimalMin", "Positive", "PositiveOrZero" -> "min";
      case "Max", "DecimalMax", "Negative", "NegativeOrZero" -> "max";
      case "Size" -> "size";
      case "Pattern" -> "pattern";
      case "Email" -> "email";
      default -> annotation.toLowerCase(Locale.ROOT);
    };
  }
}
