package dev.apiplatform.sdk;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import dev.apiplatform.client.ApiException;
import dev.apiplatform.client.JSON;
import dev.apiplatform.client.model.FieldError;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns a non-2xx answer into the typed {@link ProblemException} of its family. */
public final class Problems {

  /** Set by {@link AuthInterceptor} on the 401 it hands back when the refresh was refused. */
  static final String SESSION_ENDED_HEADER = "X-Sdk-Session-Ended";

  private static final Set<String> STANDARD = new HashSet<String>(
      Arrays.asList("type", "title", "status", "detail", "instance", "errors"));

  private Problems() {
  }

  /**
   * Called by the generated {@code ApiClient.handleResponse} (patched at build time, see the
   * pom) for every non-2xx answer. A body that is not a problem (e.g. the {@code Health} body of
   * a 503 {@code /health}) stays a plain {@link ApiException} with the body.
   */
  public static ApiException toException(String message, int status, Map<String, List<String>> headers,
      String body) {
    ProblemException.Details details = parse(headers, body);
    if (details == null) {
      return new ApiException(message, status, headers, body);
    }
    if (header(headers, SESSION_ENDED_HEADER) != null) {
      return new SessionEndedException(status, headers, body, details);
    }
    switch (status) {
      case 400: return new ValidationProblem(status, headers, body, details);
      case 401: return new UnauthorizedProblem(status, headers, body, details);
      case 403: return new ForbiddenProblem(status, headers, body, details);
      case 404: return new NotFoundProblem(status, headers, body, details);
      case 409: return new ConflictProblem(status, headers, body, details);
      case 412:
      case 428: return new PreconditionProblem(status, headers, body, details);
      case 413:
      case 415: return new RequestRejectedProblem(status, headers, body, details);
      case 422: return new UnprocessableProblem(status, headers, body, details);
      case 429: return new RateLimitedProblem(status, headers, body, details);
      case 503: return new UnavailableProblem(status, headers, body, details);
      default:
        return status >= 500 ? new ServerProblem(status, headers, body, details)
            : new ProblemException(status, headers, body, details);
    }
  }

  private static ProblemException.Details parse(Map<String, List<String>> headers, String body) {
    String contentType = header(headers, "Content-Type");
    if (body == null || contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("problem+json")) {
      return null;
    }
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(body);
      if (!e.isJsonObject()) {
        return null;
      }
      o = e.getAsJsonObject();
    } catch (RuntimeException notJson) {
      return null;
    }
    List<FieldError> errors = new ArrayList<FieldError>();
    if (o.has("errors") && o.get("errors").isJsonArray()) {
      for (JsonElement item : o.getAsJsonArray("errors")) {
        if (item.isJsonObject()) {
          JsonObject f = item.getAsJsonObject();
          errors.add(new FieldError().field(text(f, "field")).message(text(f, "message")).code(text(f, "code")));
        }
      }
    }
    Map<String, Object> extensions = new LinkedHashMap<String, Object>();
    for (Map.Entry<String, JsonElement> member : o.entrySet()) {
      if (!STANDARD.contains(member.getKey())) {
        Object value = JSON.getGson().fromJson(member.getValue(), new TypeToken<Object>() { }.getType());
        extensions.put(member.getKey(), value);
      }
    }
    String title = text(o, "title");
    return new ProblemException.Details(text(o, "type"), title == null ? "Error" : title, text(o, "detail"),
        text(o, "instance"), errors, extensions);
  }

  private static String text(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
  }

  /** The first value of a header, names compared ignoring case (OkHttp lower-cases them). */
  static String header(Map<String, List<String>> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  static Duration retryAfter(Map<String, List<String>> headers) {
    return parseRetryAfter(header(headers, "Retry-After"));
  }

  /** {@code Retry-After} as delay-seconds or an HTTP date; null when absent or unreadable. */
  static Duration parseRetryAfter(String value) {
    if (value == null || value.trim().isEmpty()) {
      return null;
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException notADate) {
        return null;
      }
    }
  }
}
