package dev.apiplatform.server.outbound;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The final answer of a third party (after retries): any status, the caller decides what it means. */
public record OutboundResponse(int status, Map<String, List<String>> headers, byte[] body, int attempts) {

  public OutboundResponse {
    headers = Map.copyOf(headers);
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream())
        .findFirst();
  }

  @Override
  public String toString() {
    return "OutboundResponse[status=" + status + ", attempts=" + attempts + ", bytes=" + body.length + "]";
  }
}
