package dev.apiplatform.mock;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OpenAPI path templates as WireMock URL patterns, and their matching order. */
final class PathTemplates {

  private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{[^}/]+}");

  private PathTemplates() {}

  /** {@code /items/{id}/photos} -> {@code /items/[^/]+/photos} (literal parts quoted). */
  static String regex(String template) {
    StringBuilder sb = new StringBuilder();
    Matcher m = TEMPLATE_PARAM.matcher(template);
    int last = 0;
    while (m.find()) {
      sb.append(quote(template.substring(last, m.start()))).append("[^/]+");
      last = m.end();
    }
    sb.append(quote(template.substring(last)));
    return sb.toString();
  }

  private static String quote(String literal) {
    return literal.isEmpty() ? "" : Pattern.quote(literal);
  }

  /**
   * Most specific first: fewer templated segments; then, at the first segment where they
   * differ in kind, the literal one; then alphabetical.
   */
  static final Comparator<String> SPECIFICITY = (a, b) -> {
    String[] sa = a.split("/", -1);
    String[] sb = b.split("/", -1);
    int ta = templated(sa);
    int tb = templated(sb);
    if (ta != tb) {
      return Integer.compare(ta, tb);
    }
    for (int i = 0; i < Math.min(sa.length, sb.length); i++) {
      boolean xa = sa[i].contains("{");
      boolean xb = sb[i].contains("{");
      if (xa != xb) {
        return xa ? 1 : -1;
      }
    }
    return a.compareTo(b);
  };

  private static int templated(String[] segments) {
    int n = 0;
    for (String s : segments) {
      if (s.contains("{")) {
        n++;
      }
    }
    return n;
  }
}
