package dev.apiplatform.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validator's verdict "valid" for the common request, in microseconds: the operation's
 * parameters (patterns, bounds, enums) and JSON body schema ({@link FastBody}) compiled once at
 * start and checked against the request. It only ever says "valid" or "ask the validator": any parameter whose schema uses
 * a keyword it does not know, a body, a missing required parameter or a failed check goes to
 * swagger-request-validator, which gives the answer and the {@code errors[]}. So it is never more
 * lenient than the validator, only faster where both agree (each check here is at least as strict).
 */
final class FastParameters {

  private static final Set<String> KNOWN = Set.of("type", "pattern", "minLength", "maxLength",
      "minimum", "maximum", "enum", "format", "example", "description", "default", "title");
  private static final Set<String> FORMATS = Set.of("", "int32", "int64");
  private static final Set<String> PARAMETER = Set.of("name", "in", "required", "schema",
      "description", "example", "examples", "deprecated");

  private static final Pattern JSON_TYPE =
      Pattern.compile("(?i)application/json(\\s*;\\s*charset=utf-8)?");

  private record Check(String in, String name, boolean required, String type, Pattern pattern,
      Integer minLength, Integer maxLength, BigDecimal minimum, BigDecimal maximum, List<String> values,
      String format) {}

  private final List<Check> checks;
  private final FastBody body;
  private final boolean bodyRequired;

  private FastParameters(List<Check> checks, FastBody body, boolean bodyRequired) {
    this.checks = checks;
    this.body = body;
    this.bodyRequired = bodyRequired;
  }

  /** The compiled checks of {@code op}, or null when some parameter or a body needs the validator. */
  static FastParameters compile(OpenApiDocument doc, MockOperation op) {
    JsonNode pathItem = doc.deref(doc.root().path("paths").path(op.path()));
    JsonNode operation = doc.deref(pathItem.path(op.method().toLowerCase(Locale.ROOT)));
    FastBody body = null;
    JsonNode requestBody = doc.deref(operation.path("requestBody"));
    if (operation.has("requestBody")) {
      JsonNode content = requestBody.path("content");
      if (content.size() != 1 || !content.has("application/json")
          || (body = FastBody.compile(doc, doc.deref(content.get("application/json")).path("schema"))) == null) {
        return null;
      }
    }
    List<JsonNode> params = new ArrayList<>();
    pathItem.path("parameters").forEach(params::add);
    operation.path("parameters").forEach(params::add);
    List<Check> checks = new ArrayList<>();
    for (JsonNode ref : params) {
      JsonNode p = doc.deref(ref);
      JsonNode s = doc.deref(p.path("schema"));
      String in = p.path("in").asText();
      if (!s.isObject() || !Set.of("path", "query", "header").contains(in)) {
        return null;
      }
      for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
        if (!PARAMETER.contains(it.next())) {
          return null; // style, explode, content, allowEmptyValue: the validator's rules
        }
      }
      for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
        if (!KNOWN.contains(it.next())) {
          return null;
        }
      }
      String type = s.path("type").asText("");
      if (!Set.of("string", "integer", "number", "boolean").contains(type)
          || !FORMATS.contains(s.path("format").asText("")) && !type.equals("string")) {
        return null;
      }
      if (type.equals("string") && s.has("format")) {
        return null; // date, uuid, email...: the validator's own format rules
      }
      List<String> values = null;
      if (s.has("enum")) {
        values = new ArrayList<>();
        for (JsonNode v : s.get("enum")) {
          values.add(v.asText());
        }
      }
      checks.add(new Check(in, in.equals("header") ? p.path("name").asText().toLowerCase(Locale.ROOT)
          : p.path("name").asText(), p.path("required").asBoolean(in.equals("path")), type,
          s.has("pattern") ? Pattern.compile(s.get("pattern").asText()) : null,
          s.has("minLength") ? s.get("minLength").asInt() : null,
          s.has("maxLength") ? s.get("maxLength").asInt() : null,
          s.has("minimum") ? s.get("minimum").decimalValue() : null,
          s.has("maximum") ? s.get("maximum").decimalValue() : null, values, s.path("format").asText("")));
    }
    return new FastParameters(List.copyOf(checks), body, requestBody.path("required").asBoolean(false));
  }

  /** True when every parameter is surely valid (false: let the validator decide and explain). */
  boolean valid(MockRequest req, Map<String, String> pathParams, Map<String, List<String>> query) {
    if (req.hasBody()) {
      String type = req.header("Content-Type");
      if (body == null || type == null || !JSON_TYPE.matcher(type).matches() || !body.valid(req.body())) {
        return false;
      }
    } else if (bodyRequired || req.header("Content-Type") != null) {
      return false;
    }
    for (Check c : checks) {
      String value = switch (c.in()) {
        case "path" -> pathParams.get(c.name());
        case "query" -> first(query.get(c.name()));
        default -> first(req.headers().get(c.name()));
      };
      if (value == null) {
        if (c.required()) {
          return false;
        }
        continue;
      }
      if (!valid(c, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean valid(Check c, String value) {
    if (c.in().equals("path") && value.indexOf('%') >= 0) {
      return false; // encoded path segments: the validator's decoding rules
    }
    if (c.values() != null && !c.values().contains(value)) {
      return false;
    }
    switch (c.type()) {
      case "string" -> {
        for (int i = 0; i < value.length(); i++) {
          if (Character.isSurrogate(value.charAt(i))) {
            return false; // lengths in code points: the validator's count
          }
        }
        if (c.minLength() != null && value.length() < c.minLength()
            || c.maxLength() != null && value.length() > c.maxLength()
            || c.pattern() != null && !c.pattern().matcher(value).find()) { // ECMA test(): find
          return false;
        }
      }
      case "boolean" -> {
        if (!value.equals("true") && !value.equals("false")) {
          return false;
        }
      }
      default -> {
        if (!value.matches("-?(0|[1-9][0-9]{0,17})" + (c.type().equals("number") ? "(\\.[0-9]{1,12})?" : ""))) {
          return false; // plain decimals only; exponents and the rest go to the validator
        }
        BigDecimal n = new BigDecimal(value);
        if (c.format().equals("int32") && (n.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
            || n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)
            || c.minimum() != null && n.compareTo(c.minimum()) < 0
            || c.maximum() != null && n.compareTo(c.maximum()) > 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static String first(List<String> values) {
    if (values != null && values.size() > 1) {
      return "\u0000"; // a repeated parameter: refused by every check below, so the validator decides
    }
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
