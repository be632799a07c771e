package dev.apiplatform.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a collection's list operation declares, inferred from its query parameters so that
 * {@code --stateful} lists answer like the platform: filters (a parameter named like a property
 * of the item is an equality filter; {@code min_X}/{@code max_X} bound the number {@code X};
 * {@code owner=me} keeps the caller's; {@code q} matches text in the name) and paging (an opaque
 * {@code cursor} with {@code limit}, or {@code page} with {@code page_size}). Parameters it
 * cannot read as either are listed as ignored.
 */
final class ListQuery {

  enum Kind { EQUALS, MIN, MAX, TEXT, OWNER }

  record Filter(String param, Kind kind, String property) {
    String describe() {
      return switch (kind) {
        case EQUALS -> param + "=" + property;
        case MIN -> param + " <= " + property;
        case MAX -> param + " >= " + property;
        case TEXT -> param + " in " + property;
        case OWNER -> param + "=me";
      };
    }
  }

  /** The page a request asked for; {@code after} is the sequence number a cursor names (newest first: smaller). */
  record Page(int size, int number, Long after) {}

  private static final Set<String> CURSOR = Set.of("cursor", "page_token", "pagetoken", "after", "next_cursor");
  private static final Set<String> SIZE = Set.of("limit", "page_size", "pagesize", "per_page", "size");
  private static final Set<String> NUMBER = Set.of("page", "page_number", "pagenumber");
  private static final Set<String> TEXT = Set.of("q", "query", "search", "text");
  private static final Pattern BOUND = Pattern.compile("(?i)^(?:(min|max)_?(.+)|(.+?)_?(min|max))$");
  private static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES =
      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  final List<Filter> filters = new ArrayList<>();
  final List<String> ignored = new ArrayList<>();
  String cursorParam;
  String sizeParam;
  String numberParam;
  int defaultSize = 20;

  static ListQuery infer(OpenApiDocument doc, MockOperation list, JsonNode itemSchema, String ownerProperty) {
    ListQuery q = new ListQuery();
    if (list == null) {
      return q;
    }
    JsonNode props = doc.deref(itemSchema).path("properties");
    JsonNode pathItem = doc.deref(doc.root().path("paths").path(list.path()));
    List<JsonNode> params = new ArrayList<>();
    pathItem.path("parameters").forEach(params::add);
    doc.deref(pathItem.path(list.method().toLowerCase(Locale.ROOT))).path("parameters").forEach(params::add);
    for (JsonNode ref : params) {
      JsonNode p = doc.deref(ref);
      if (!p.path("in").asText().equals("query")) {
        continue;
      }
      String name = p.path("name").asText();
      String lower = name.toLowerCase(Locale.ROOT);
      Matcher bound = BOUND.matcher(name);
      if (CURSOR.contains(lower)) {
        q.cursorParam = name;
      } else if (SIZE.contains(lower)) {
        q.sizeParam = name;
        JsonNode schema = doc.deref(p.path("schema"));
        q.defaultSize = schema.path("default").asInt(schema.path("example").asInt(20));
      } else if (NUMBER.contains(lower)) {
        q.numberParam = name;
      } else if ((lower.equals("owner") || name.equals(ownerProperty)) && ownerProperty != null) {
        q.filters.add(new Filter(name, Kind.OWNER, ownerProperty));
      } else if (props.has(name)) {
        q.filters.add(new Filter(name, Kind.EQUALS, name));
      } else if (bound.matches() && property(props, bound.group(2) != null ? bound.group(2) : bound.group(3)) != null) {
        String kind = bound.group(1) != null ? bound.group(1) : bound.group(4);
        q.filters.add(new Filter(name, kind.equalsIgnoreCase("min") ? Kind.MIN : Kind.MAX,
            property(props, bound.group(2) != null ? bound.group(2) : bound.group(3))));
      } else if (TEXT.contains(lower) && (props.has("name") || props.has("title"))) {
        q.filters.add(new Filter(name, Kind.TEXT, props.has("name") ? "name" : "title"));
      } else {
        q.ignored.add(name);
      }
    }
    return q;
  }

  /** The property named {@code name} ignoring case and underscores ({@code price}, {@code Price}). */
  private static String property(JsonNode props, String name) {
    String want = name.replace("_", "").toLowerCase(Locale.ROOT);
    for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
      String p = it.next();
      if (p.replace("_", "").toLowerCase(Locale.ROOT).equals(want)) {
        return p;
      }
    }
    return null;
  }

  /** Whether {@code item} (owned by {@code owner}) passes every filter the request sets. */
  boolean matches(JsonNode item, String owner, String caller, Map<String, List<String>> query) {
    for (Filter f : filters) {
      List<String> values = query.get(f.param());
      if (values == null || values.isEmpty()) {
        continue;
      }
      String v = values.get(0);
      JsonNode field = item.path(f.property());
      boolean ok = switch (f.kind()) {
        case OWNER -> v.equals("me") ? caller.equals(owner) : v.equals(field.asText(owner));
        case EQUALS -> field.isArray() ? contains(field, v) : field.asText().equals(v);
        case TEXT -> field.asText().toLowerCase(Locale.ROOT).contains(v.toLowerCase(Locale.ROOT));
        case MIN -> field.isNumber() && field.decimalValue().compareTo(decimal(v)) >= 0;
        case MAX -> field.isNumber() && field.decimalValue().compareTo(decimal(v)) <= 0;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(JsonNode array, String v) {
    for (JsonNode e : array) {
      if (e.asText().equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static java.math.BigDecimal decimal(String v) {
    try {
      return new java.math.BigDecimal(v.trim());
    } catch (NumberFormatException e) {
      return java.math.BigDecimal.ZERO; // validation refused it already unless --no-validate
    }
  }

  /** The page asked for, or null when the cursor is not one this mock issued. */
  Page page(Map<String, List<String>> query) {
    int size = Integer.MAX_VALUE;
    if (sizeParam != null) {
      size = Math.max(1, intValue(query.get(sizeParam), defaultSize));
    }
    int number = numberParam == null ? 1 : Math.max(1, intValue(query.get(numberParam), 1));
    Long after = null;
    List<String> cursor = cursorParam == null ? null : query.get(cursorParam);
    if (cursor != null && !cursor.isEmpty()) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(cursor.get(0)), StandardCharsets.UTF_8);
        if (!decoded.startsWith("mock:")) {
          return null;
        }
        after = Long.parseLong(decoded.substring(5));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return new Page(size, number, after);
  }

  static String cursor(long lastSequence) {
    return B64.encodeToString(("mock:" + lastSequence).getBytes(StandardCharsets.UTF_8));
  }

  private static int intValue(List<String> values, int fallback) {
    try {
      return values == null || values.isEmpty() ? fallback : Integer.parseInt(values.get(0).trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  record PageState(int total, int count, boolean more, String nextCursor, int number, int size) {}

  /**
   * The page's bookkeeping fields by their names: a next cursor only when there is a next page
   * (absent on the last, as the platform's), has_more, the next page number, totals (every
   * match) and counts (this page), the page size and number.
   */
  static void pageFields(ObjectNode node, PageState st) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = f.getKey().toLowerCase().replace("_", "");
      JsonNode v = f.getValue();
      if (v.isArray()) {
        continue;
      }
      if (v instanceof ObjectNode inner) {
        pageFields(inner, st);
      } else if (v.isTextual() && (name.contains("next") || name.contains("cursor"))) {
        if (st.nextCursor() == null) {
          it.remove();
        } else {
          f.setValue(NODES.textNode(st.nextCursor()));
        }
      } else if (v.isBoolean() && (name.contains("more") || name.contains("next"))) {
        f.setValue(NODES.booleanNode(st.more()));
      } else if (v.isNumber() && name.contains("next")) {
        if (st.more()) {
          f.setValue(NODES.numberNode(st.number() + 1));
        } else {
          it.remove();
        }
      } else if (v.isNumber()) {
        Integer value = switch (name) {
          case "total", "totalcount", "totalitems" -> st.total();
          case "count" -> st.count();
          case "limit", "pagesize", "perpage", "size" -> st.size();
          case "page", "pagenumber" -> st.number();
          default -> null;
        };
        if (value != null) {
          f.setValue(NODES.numberNode(value));
        }
      }
    }
  }

  String describe() {
    List<String> parts = new ArrayList<>();
    if (!filters.isEmpty()) {
      parts.add("filters " + String.join(", ", filters.stream().map(Filter::describe).toList()));
    }
    if (cursorParam != null || sizeParam != null || numberParam != null) {
      List<String> p = new ArrayList<>();
      for (String s : new String[] {cursorParam, numberParam, sizeParam}) {
        if (s != null) {
          p.add(s);
        }
      }
      parts.add("pages by " + String.join("/", p) + (sizeParam == null ? "" : " (" + defaultSize + " per page)"));
    }
    if (!ignored.isEmpty()) {
      parts.add("ignored " + String.join(", ", ignored));
    }
    return String.join("; ", parts);
  }
}
