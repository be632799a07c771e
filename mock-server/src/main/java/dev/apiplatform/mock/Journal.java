package dev.apiplatform.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last N requests the mock answered, for UI tests ({@code GET /__mock/requests}, the JUnit
 * extension's {@code requests()}). Kept by the mock itself rather than WireMock's journal, which
 * stores far more per request. Credentials are kept only as their scheme.
 */
public final class Journal {

  /** One answered request. {@code operationId} is null for requests outside the contract. */
  public record Entry(Instant at, String requestId, String method, String path, String query,
      Map<String, List<String>> headers, String body, int status, String operationId) {}

  /** What is kept per request: the request itself; the entry is built only when read. */
  private record Raw(Instant at, String requestId, MockRequest req, int status, String operationId) {
    Entry toEntry() {
      Map<String, List<String>> headers = new java.util.TreeMap<>();
      req.headers().forEach((k, v) -> headers.put(k, k.equals("authorization") || k.equals("cookie")
          ? List.of(redacted(v.get(0))) : List.copyOf(v)));
      return new Entry(at, requestId, req.method(), req.path(), req.query(), headers, req.bodyText(),
          status, operationId);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final int capacity;
  private final ArrayDeque<Raw> entries;

  Journal(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  void record(MockRequest req, String requestId, int status, MockOperation op) {
    if (capacity == 0) {
      return;
    }
    Raw e = new Raw(Instant.now(), requestId, req, status, op == null ? null : op.operationId());
    synchronized (entries) {
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entries.addLast(e);
    }
  }

  /** Oldest first. */
  public List<Entry> entries() {
    List<Raw> copy;
    synchronized (entries) {
      copy = new ArrayList<>(entries);
    }
    return copy.stream().map(Raw::toEntry).toList();
  }

  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("requests");
    for (Entry e : entries()) {
      ObjectNode n = list.addObject();
      n.put("at", e.at().toString());
      n.put("request_id", e.requestId());
      n.put("method", e.method());
      n.put("path", e.path());
      if (e.query() != null) {
        n.put("query", e.query());
      }
      n.set("headers", JSON.valueToTree(e.headers()));
      if (!e.body().isEmpty()) {
        n.put("body", e.body());
      }
      n.put("status", e.status());
      if (e.operationId() != null) {
        n.put("operation_id", e.operationId());
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static String redacted(String value) {
    int space = value.indexOf(' ');
    return (space > 0 ? value.substring(0, space).toLowerCase(Locale.ROOT) : "credentials") + " <redacted>";
  }
}
