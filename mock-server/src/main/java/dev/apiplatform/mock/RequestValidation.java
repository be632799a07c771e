package dev.apiplatform.mock;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.atlassian.oai.validator.report.ValidationReport.Message;
import io.swagger.v3.oas.models.parameters.Parameter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request against the contract with swagger-request-validator (the validator the
 * conformance suite checks every exchange with): body against its schema, Content-Type,
 * path, query and header parameters. Security is {@link BearerAuth}'s, and {@code Accept} is
 * not checked (the mock answers its documented media type whatever is asked).
 */
final class RequestValidation {

  /** The outcome for an invalid request: the status the operation documents for it, and the fields. */
  record Failure(int status, boolean mediaType, String detail, List<Problems.FieldError> errors) {}

  private static final Pattern NAMES = Pattern.compile("\"([^\"]+)\"");
  private final OpenApiDocument doc;
  private final Map<MockOperation, FastParameters> fast = new IdentityHashMap<>();
  /**
   * One validator per path template, built on first use from the document with only that path:
   * the validator finds a request's operation by trying every path of its document (compiling a
   * regex per templated segment, per request), so a one-path document makes that lookup trivial.
   */
  private final Map<String, OpenApiInteractionValidator> byPath = new ConcurrentHashMap<>();

  RequestValidation(ContractMock mock) {
    this.doc = mock.document();
    for (MockOperation op : mock.mockOperations()) {
      FastParameters f = FastParameters.compile(doc, op);
      if (f != null) {
        fast.put(op, f);
      }
    }
  }

  private OpenApiInteractionValidator validator(String template) {
    return byPath.computeIfAbsent(template, t -> {
      ObjectNode onePath = doc.root().deepCopy();
      ((ObjectNode) onePath.get("paths")).retain(t);
      // built on a server thread: the schema library picks its regex engine through javax.script
      // and the context class loader, which must be ours to find JavaRegexScriptEngine (not Rhino)
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(RequestValidation.class.getClassLoader());
      try {
        return build(onePath.toString());
      } finally {
        thread.setContextClassLoader(previous);
      }
    });
  }

  private static OpenApiInteractionValidator build(String documentText) {
    return OpenApiInteractionValidator.createForInlineApiSpecification(documentText)
        .withLevelResolver(LevelResolver.create()
            .withLevel("validation.request.security", Level.IGNORE)
            .withLevel("validation.request.accept", Level.IGNORE)
            // the platform ignores query parameters it does not know, and so does the mock
            .withLevel("validation.request.parameter.query.unexpected", Level.IGNORE)
            .withLevel("validation.request.path.missing", Level.IGNORE)
            .withLevel("validation.request.operation.notAllowed", Level.IGNORE)
            .build())
        .build();
  }

  /**
   * Null unless the request sends a body (or a Content-Type) in a media type the operation does
   * not document. Checked before security, as the platform does: Jersey refuses an unknown media
   * type while matching the resource, before its authentication filter runs.
   */
  static Failure mediaType(MockOperation op, MockRequest req) {
    String contentType = req.header("Content-Type");
    if (op.requestMediaTypes().isEmpty() || (contentType == null && !req.hasBody())) {
      return null;
    }
    String type = contentType == null ? "application/octet-stream"
        : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    for (String documented : op.requestMediaTypes()) {
      if (documented.equals(type) || documented.equals("*/*")
          || documented.endsWith("/*") && type.startsWith(documented.substring(0, documented.length() - 1))) {
        return null;
      }
    }
    return new Failure(op.mediaTypeStatus(), true, "The request's Content-Type is not supported by "
        + op.label() + " (documented: " + String.join(", ", op.requestMediaTypes()) + ")",
        List.of(new Problems.FieldError("header.Content-Type", "must be one of "
            + String.join(", ", op.requestMediaTypes()), "media-type")));
  }

  /** Null when the request is valid for {@code op}. */
  Failure check(MockOperation op, Map<String, String> pathParams, MockRequest req) {
    if (!op.hasInputs() && !req.hasBody()) {
      return null;
    }
    FastParameters f = fast.get(op);
    if (f != null && f.valid(req, pathParams, req.queryParams())) {
      return null;
    }
    SimpleRequest.Builder b = new SimpleRequest.Builder(req.method(), req.path());
    req.headers().forEach(b::withHeader);
    for (Map.Entry<String, List<String>> q : req.queryParams().entrySet()) {
      b.withQueryParam(q.getKey(), q.getValue());
    }
    if (req.hasBody()) {
      b.withBody(req.body());
    }
    ValidationReport report = validator(op.path()).validateRequest(b.build());
    List<Problems.FieldError> errors = new ArrayList<>();
    boolean mediaType = false;
    boolean form = String.valueOf(req.header("Content-Type")).toLowerCase(Locale.ROOT)
        .startsWith("application/x-www-form-urlencoded");
    for (Message m : report.getMessages()) {
      if (m.getLevel() != Level.ERROR) {
        continue;
      }
      if (form && m.getKey().endsWith(".type") && m.getMessage().contains("allowed: [\"string\"]")) {
        // the validator guesses form values' types (Long.parseLong, "true"): on the wire every
        // form value is text, so Twilio's From=+14155550100 is the string the schema asks for
        continue;
      }
      if (m.getKey().startsWith("validation.request.contentType")) {
        mediaType = true;
      }
      errors.addAll(fieldErrors(m));
    }
    if (errors.isEmpty()) {
      return null;
    }
    if (mediaType) {
      return new Failure(op.mediaTypeStatus(), true, "The request's Content-Type is not supported by "
          + op.label(), errors);
    }
    return new Failure(op.invalidStatus(), false,
        errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
  }

  private static List<Problems.FieldError> fieldErrors(Message m) {
    String key = m.getKey();
    String keyword = key.substring(key.lastIndexOf('.') + 1);
    String location = location(m, key);
    List<Problems.FieldError> out = new ArrayList<>();
    if (keyword.equals("required") || keyword.equals("additionalProperties")) {
      // one message names several properties: one entry each, so field paths stay exact
      Matcher names = NAMES.matcher(m.getMessage().substring(Math.max(0, m.getMessage().indexOf('('))));
      while (names.find()) {
        String field = location + "." + names.group(1);
        out.add(new Problems.FieldError(field, keyword.equals("required") ? "is required"
            : "is not a known field", keyword.equals("required") ? "required" : "unknown"));
      }
      if (!out.isEmpty()) {
        return out;
      }
    }
    // messages quote the offending value: keep them short (a 1 MiB string stays out of the answer)
    String message = m.getMessage().length() > 300 ? m.getMessage().substring(0, 300) + "..." : m.getMessage();
    out.add(new Problems.FieldError(location, message, code(key, keyword)));
    return out;
  }

  /** {@code body.price}, {@code query.limit}, {@code path.item_id}, {@code header.If-Match}, {@code body}. */
  private static String location(Message m, String key) {
    var context = m.getContext();
    Parameter p = context.flatMap(c -> c.getParameter()).orElse(null);
    if (p != null) {
      return p.getIn() + "." + p.getName();
    }
    if (key.startsWith("validation.request.contentType")) {
      return "header.Content-Type";
    }
    String pointer = context.flatMap(c -> c.getPointers()).map(x -> x.getInstance()).orElse("");
    StringBuilder field = new StringBuilder("body");
    for (String segment : pointer.split("/")) {
      if (!segment.isEmpty()) {
        field.append('.').append(segment.replace("~1", "/").replace("~0", "~"));
      }
    }
    return field.toString();
  }

  private static String code(String key, String keyword) {
    if (key.startsWith("validation.request.contentType")) {
      return "media-type";
    }
    if (key.endsWith(".missing")) {
      return "required";
    }
    return switch (keyword) {
      case "minimum", "exclusiveMinimum" -> "min";
      case "maximum", "exclusiveMaximum" -> "max";
      case "minLength", "maxLength", "minItems", "maxItems" -> "size";
      case "invalidJson" -> "json";
      default -> keyword.toLowerCase(Locale.ROOT);
    };
  }
}
