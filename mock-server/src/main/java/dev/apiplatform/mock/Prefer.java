package dev.apiplatform.mock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The preferences of a request's {@code Prefer} headers (RFC 7240): {@code code=404},
 * {@code example=NAME}, {@code dynamic=true}, among any others ({@code wait=5} is ignored).
 */
record Prefer(String code, String example, boolean dynamic) {

  static final Prefer NONE = new Prefer(null, null, false);

  static Prefer of(List<String> headerValues) {
    if (headerValues == null || headerValues.isEmpty()) {
      return NONE;
    }
    Map<String, String> prefs = new LinkedHashMap<>();
    for (String value : headerValues) {
      for (String part : value.split("[,;]")) {
        String p = part.trim();
        if (p.isEmpty()) {
          continue;
        }
        int eq = p.indexOf('=');
        String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
        String v = eq < 0 ? "" : unquote(p.substring(eq + 1).trim());
        prefs.putIfAbsent(name, v); // the first occurrence wins, as RFC 7240 says
      }
    }
    return new Prefer(prefs.get("code"), prefs.get("example"),
        "true".equalsIgnoreCase(prefs.get("dynamic")));
  }

  boolean isEmpty() {
    return code == null && example == null && !dynamic;
  }

  /** What was applied, for {@code Preference-Applied}. */
  String applied(boolean codeApplied) {
    StringBuilder sb = new StringBuilder();
    if (codeApplied && code != null) {
      sb.append("code=").append(code);
    }
    if (example != null) {
      sb.append(sb.isEmpty() ? "" : ", ").append("example=").append(example);
    }
    if (dynamic) {
      sb.append(sb.isEmpty() ? "" : ", ").append("dynamic=true");
    }
    return sb.toString();
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }
}
