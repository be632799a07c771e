package dev.apiplatform.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The documented response a request gets without state: the operation's default response, or
 * the one {@code Prefer: code=NNN} names; its example, or the named one {@code Prefer:
 * example=NAME} picks; or data generated from its schema for {@code Prefer: dynamic=true},
 * seeded by the mock's seed and the request line so the same request gets the same data.
 */
final class ExampleResponses {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final DynamicData dynamic;
  private final long seed;

  ExampleResponses(DynamicData dynamic, long seed) {
    this.dynamic = dynamic;
    this.seed = seed;
  }

  MockResponse respond(MockOperation op, MockRequest req, Prefer prefer) {
    CannedResponse chosen = op.defaultResponse();
    int status = chosen.status();
    if (prefer.code() != null) {
      Integer code = parseCode(prefer.code());
      CannedResponse documented = code == null ? null : op.responseFor(code);
      if (documented == null) {
        return Problems.of(400, "/problems/mock-undocumented-status", "Bad Request",
            "Prefer: code=" + prefer.code() + " is not documented for " + op.label()
                + " (documented: " + String.join(", ", op.keys()) + ")", req.path());
      }
      chosen = documented;
      status = code;
    }
    byte[] body = null;
    if (prefer.example() != null) {
      body = chosen.named().get(prefer.example());
      if (body == null && prefer.code() == null) {
        for (String key : op.keys()) { // the name may belong to another documented response
          CannedResponse other = op.responses().get(key);
          if (other.named().containsKey(prefer.example())) {
            chosen = other;
            status = other.status();
            body = other.named().get(prefer.example());
            break;
          }
        }
      }
      if (body == null) {
        return Problems.of(400, "/problems/mock-unknown-example", "Bad Request",
            "Prefer: example=" + prefer.example() + " is not a named example of " + op.label()
                + " (" + namesOf(op, prefer.code() == null ? null : chosen) + ")", req.path());
      }
    }
    if (prefer.dynamic() && chosen.schema() != null
        && chosen.mediaType().toLowerCase(Locale.ROOT).contains("json")) {
      Random random = new Random(seed * 1_000_003L
          + (req.method() + " " + req.path() + "?" + req.query()).hashCode());
      try {
        body = JSON.writeValueAsBytes(dynamic.generate(chosen.schema(), random));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    MockResponse r = chosen.toResponse(status, body);
    if (!prefer.isEmpty()) {
      String applied = prefer.applied(prefer.code() != null);
      if (!applied.isEmpty()) {
        r.header("Preference-Applied", applied);
      }
    }
    return r;
  }

  private static Integer parseCode(String code) {
    try {
      int c = Integer.parseInt(code.trim());
      return c >= 100 && c <= 599 ? c : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** "documented: a, b (201); c (400)" or a note that there are none. */
  private static String namesOf(MockOperation op, CannedResponse only) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, CannedResponse> e : op.responses().entrySet()) {
      if ((only == null || e.getValue() == only) && !e.getValue().named().isEmpty()) {
        parts.add(String.join(", ", e.getValue().named().keySet()) + " (" + e.getKey() + ")");
      }
    }
    return parts.isEmpty() ? "it documents no named examples"
        : "documented: " + String.join("; ", parts);
  }
}
