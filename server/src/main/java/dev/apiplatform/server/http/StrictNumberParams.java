package dev.apiplatform.server.http;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The numbers and booleans of query, path and header parameters, read as the contract writes
 * them. Jersey's own conversion turns an empty value ({@code limit=}) into "absent", so the
 * default applies and a request the contract calls invalid answers 200 (Schemathesis: "schema
 * violating request accepted"); it also takes {@code NaN}, {@code Infinity}, {@code 0x1p3} and
 * {@code 1d} as doubles and anything but "true" as false. Here such a value fails conversion,
 * which {@code WebApplicationExceptionMapper} answers with the validation 400 naming the
 * parameter. A parameter that is absent still gets its default.
 */
public final class StrictNumberParams implements ParamConverterProvider {

  /** An integer: optional sign, digits (what {@link Integer#parseInt} takes, no more). */
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");
  /** A JSON number: no leading '+', '.5', '5.', hex, suffix, NaN or infinity. */
  private static final Pattern NUMBER = Pattern.compile("-?\\d{1,309}(\\.\\d{1,400})?([eE][+-]?\\d{1,4})?");

  private static final Map<Class<?>, ParamConverter<?>> CONVERTERS = Map.of(
      Integer.class, converter(INTEGER, Integer::valueOf),
      Long.class, converter(INTEGER, Long::valueOf),
      Double.class, converter(NUMBER, StrictNumberParams::finiteDouble),
      Float.class, converter(NUMBER, s -> (float) finiteDouble(s)),
      BigDecimal.class, converter(NUMBER, BigDecimal::new),
      Boolean.class, converter(Pattern.compile("true|false"), Boolean::valueOf));

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
    return (ParamConverter<T>) CONVERTERS.get(rawType);
  }

  private static <T> ParamConverter<T> converter(Pattern form, Function<String, T> parse) {
    return new ParamConverter<>() {
      @Override
      public T fromString(String value) {
        if (value == null) return null; // absent: Jersey applies the default
        if (!form.matcher(value).matches()) {
          throw new IllegalArgumentException("not a value of the parameter's type");
        }
        return parse.apply(value); // an integer out of range throws NumberFormatException
      }

      @Override
      public String toString(T value) {
        return String.valueOf(value);
      }
    };
  }

  private static double finiteDouble(String text) {
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) throw new IllegalArgumentException("out of the range of a double");
    return d;
  }
}
