package dev.apiplatform.server.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Maps a Java property of a generated model back to its name in the contract, which the
 * model carries in {@code @JsonProperty} (snake_case in some groups, camelCase in others).
 */
final class JsonNames {

  private JsonNames() {}

  static String of(Type owner, String javaName) {
    Field field = field(owner, javaName);
    if (field != null) {
      JsonProperty property = field.getAnnotation(JsonProperty.class);
      if (property != null && !property.value().isEmpty()) return property.value();
      Class<?> type = field.getDeclaringClass();
      String getter = "get" + Character.toUpperCase(javaName.charAt(0)) + javaName.substring(1);
      try {
        JsonProperty onGetter = type.getMethod(getter).getAnnotation(JsonProperty.class);
        if (onGetter != null && !onGetter.value().isEmpty()) return onGetter.value();
      } catch (NoSuchMethodException ignored) {
        // no getter: the field name is the JSON name
      }
    }
    return javaName;
  }

  static Type propertyType(Type owner, String javaName) {
    Field field = field(owner, javaName);
    return field == null ? null : field.getGenericType();
  }

  /** The element type of a List/Set/Map value type, or null when unknown. */
  static Type elementType(Type container) {
    if (container instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      return args[args.length - 1];
    }
    return null;
  }

  private static Field field(Type owner, String name) {
    Class<?> type = raw(owner);
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException ignored) {
        // try the superclass
      }
    }
    return null;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) return c;
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) return c;
    return null;
  }
}
