package dev.apiplatform.sdk;

import dev.apiplatform.client.ApiException;
import dev.apiplatform.client.model.FieldError;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/problem+json} answer (RFC 9457) of the platform. Every generated
 * {@code *Api} method throws it (it is an {@link ApiException}), so {@code catch
 * (ValidationProblem e)} works on any call. The subclasses name the problem families the
 * contract documents; {@link Problems#toException} picks one by status.
 */
public class ProblemException extends ApiException {

  private final String type;
  private final String title;
  private final String detail;
  private final String instance;
  private final List<FieldError> errors;
  private final Map<String, Object> extensions;
  private final String requestId;

  /** The parsed parts of a problem body; {@link Problems} builds it. */
  public static final class Details {
    final String type;
    final String title;
    final String detail;
    final String instance;
    final List<FieldError> errors;
    final Map<String, Object> extensions;

    Details(String type, String title, String detail, String instance, List<FieldError> errors,
        Map<String, Object> extensions) {
      this.type = type;
      this.title = title;
      this.detail = detail;
      this.instance = instance;
      this.errors = Collections.unmodifiableList(errors);
      this.extensions = Collections.unmodifiableMap(extensions);
    }
  }

  public ProblemException(int status, Map<String, List<String>> headers, String body, Details d) {
    super(d.title, status, headers, body);
    this.type = d.type;
    this.title = d.title;
    this.detail = d.detail;
    this.instance = d.instance;
    this.errors = d.errors;
    this.extensions = d.extensions;
    this.requestId = Problems.header(headers, "X-Request-ID");
  }

  /** "status title: detail" (the generated message repeats the whole body and headers). */
  @Override
  public String getMessage() {
    return getCode() + " " + title + (detail == null ? "" : ": " + detail);
  }

  /** The HTTP status (also {@link #getCode()}). */
  public int status() {
    return getCode();
  }

  /** Relative URI of the problem kind, e.g. {@code /problems/validation}. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  /** This occurrence explained; may be null. */
  public String detail() {
    return detail;
  }

  /** The request path the problem occurred on; may be null. */
  public String instance() {
    return instance;
  }

  /** One entry per invalid field (validation problems); empty otherwise. */
  public List<FieldError> errors() {
    return errors;
  }

  /** Members beyond the RFC 9457 ones ({@code error_id}, {@code message}, {@code reason}, ...). */
  public Map<String, Object> extensions() {
    return extensions;
  }

  /** The server's {@code X-Request-ID} of the failed call: quote it when reporting a bug. */
  public String requestId() {
    return requestId;
  }
}
