package dev.apiplatform.server.outbound;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One call to a third-party API. {@link #toString()} shows only method, host and path: headers
 * carry API keys and bodies carry user data, so neither may ever reach a log line.
 *
 * @param retrySafe whether a non-idempotent method (POST, PATCH) may be sent again after the
 *     server may have seen it; idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) always may
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body, boolean retrySafe) {

  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

  public OutboundRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    method = method.toUpperCase(java.util.Locale.ROOT);
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  public static Builder get(URI uri) {
    return new Builder("GET", uri);
  }

  public static Builder post(URI uri) {
    return new Builder("POST", uri);
  }

  /** True when sending it twice has the effect of sending it once (RFC 9110 §9.2.2), or declared so. */
  public boolean mayRepeat() {
    return retrySafe || IDEMPOTENT.contains(method);
  }

  /** The part of the request that may be logged: never query (may hold a key), headers or body. */
  public String describe() {
    return method + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getRawPath();
  }

  @Override
  public String toString() {
    return "OutboundRequest[" + describe() + "]";
  }

  public static final class Builder {
    private final String method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private boolean retrySafe;

    private Builder(String method, URI uri) {
      this.method = method;
      this.uri = uri;
    }

    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Builder jsonBody(String json) {
      headers.put("Content-Type", "application/json");
      this.body = json.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** Declares that repeating this non-idempotent call does no harm (e.g. a pure LLM generation). */
    public Builder retrySafe() {
      this.retrySafe = true;
      return this;
    }

    public OutboundRequest build() {
      return new OutboundRequest(method, uri, headers, body, retrySafe);
    }
  }
}
