package dev.apiplatform.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiplatform.mock.CollectionInference.Collection;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code --stateful}: the inferred collections kept in memory. Create stores the documented
 * example overlaid with the request's fields (so a prototype sees what it sent), get/patch/put/
 * delete act on it by id (404 for unknown ids, 409 for a taken id when documented), list answers
 * the stored items newest first, and versions become ETags that {@code If-Match} is checked
 * against (428 without it where the contract documents 428, 412 when stale).
 *
 * <p>Owners: an item belongs to the token's {@code sub} that created it. Another caller gets 403
 * on change where the operation documents 403, else 404; in a collection whose list cannot
 * narrow to the caller's own ({@code owner=me}) items are private, so another caller's GET is 404
 * and lists hold the caller's own only. Lists apply the filters and paging {@link ListQuery}
 * inferred from the list operation's parameters.
 */
final class StatefulCollections {

  /** One stored item: its body, version, the caller who created it and its creation order. */
  private record Stored(ObjectNode body, int version, String owner, long sequence) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Collection> collections;
  private final Map<MockOperation, Collection> byOperation = new IdentityHashMap<>();
  private final Map<Collection, LinkedHashMap<String, Stored>> data = new IdentityHashMap<>();
  private long sequence;

  StatefulCollections(List<Collection> collections) {
    this.collections = List.copyOf(collections);
    for (Collection c : collections) {
      for (MockOperation op : new MockOperation[] {c.create(), c.get(), c.update(), c.delete(), c.list()}) {
        if (op != null) {
          byOperation.put(op, c);
        }
      }
      data.put(c, new LinkedHashMap<>());
    }
  }

  List<Collection> collections() {
    return collections;
  }

  void clear() {
    for (LinkedHashMap<String, Stored> items : data.values()) {
      synchronized (items) {
        items.clear();
      }
    }
  }

  /** The stored answer, or null when {@code op} is not part of a collection. */
  MockResponse handle(MockOperation op, Map<String, String> pathParams, MockRequest req) {
    Collection c = byOperation.get(op);
    if (c == null) {
      return null;
    }
    LinkedHashMap<String, Stored> items = data.get(c);
    synchronized (items) {
      if (op == c.create()) {
        return create(c, items, op, req);
      }
      if (op == c.list()) {
        return list(c, items, op, req);
      }
      String id = pathParams.isEmpty() ? null : new ArrayList<>(pathParams.values()).get(pathParams.size() - 1);
      Stored stored = id == null ? null : items.get(id);
      boolean others = stored != null && !stored.owner().equals(caller(req));
      if (others && op != c.get() && op.responses().containsKey("403")) {
        return problem(op, 403, "/problems/forbidden", "Forbidden", c.path() + " item " + id
            + " belongs to another user", req);
      }
      if (stored == null || others && (op != c.get() || !c.shared())) {
        return problem(op, 404, "/problems/not-found", "Not Found", "No " + c.path() + " item " + id
            + " in the mock's memory (create it first, or use Prefer: code=200 for the example)", req);
      }
      if (op != c.get() && c.etag()) {
        MockResponse refused = checkIfMatch(op, stored, req);
        if (refused != null) {
          return refused;
        }
      }
      if (op == c.delete()) {
        items.remove(id);
        return op.defaultResponse().toResponse(op.defaultResponse().status(), null);
      }
      if (op == c.update()) {
        ObjectNode body = stored.body().deepCopy();
        JsonNode patch = parse(req);
        if (op.method().equals("PUT")) {
          body.removeAll();
          body.setAll(stored.body()); // fields the client cannot send (id, created_at) survive
        }
        overlay(c, body, patch);
        body.set(c.idProperty(), stored.body().get(c.idProperty()));
        stored = versioned(c, body, stored.version() + 1, stored.owner(), stored.sequence());
        items.put(id, stored);
      }
      return item(c, op, stored);
    }
  }

  private MockResponse create(Collection c, LinkedHashMap<String, Stored> items, MockOperation op, MockRequest req) {
    JsonNode request = parse(req);
    JsonNode example = op.defaultResponse().example();
    ObjectNode body = example instanceof ObjectNode o ? o.deepCopy() : JSON.createObjectNode();
    overlay(c, body, request);
    String id = request.path(c.idProperty()).asText(null);
    if (id == null) {
      List<String> fromQuery = req.queryParams().get(c.idProperty());
      id = fromQuery != null && !fromQuery.isEmpty() ? fromQuery.get(0) : UUID.randomUUID().toString();
    }
    if (items.containsKey(id) && op.responses().containsKey("409")) {
      return problem(op, 409, "/problems/conflict", "Conflict", c.path() + " item " + id + " exists", req);
    }
    body.put(c.idProperty(), id);
    String owner = caller(req);
    if (c.ownerProperty() != null && !owner.isEmpty()) {
      body.put(c.ownerProperty(), owner);
    }
    Stored stored = versioned(c, body, 1, owner, ++sequence);
    items.remove(id);
    items.put(id, stored);
    MockResponse r = item(c, op, stored);
    if (r.header("Location") != null) {
      r.header("Location", c.path() + "/" + id);
    }
    return r;
  }

  private MockResponse list(Collection c, LinkedHashMap<String, Stored> items, MockOperation op, MockRequest req) {
    ListQuery.Page asked = c.query().page(req.queryParams());
    if (asked == null) {
      return problem(op, 400, "/problems/validation", "Request validation failed",
          "The cursor is not one this mock issued (or the mock was reset since)", req);
    }
    String caller = caller(req);
    List<Stored> matching = new ArrayList<>();
    for (Stored s : items.values()) {
      if ((c.shared() || s.owner().equals(caller))
          && c.query().matches(s.body(), s.owner(), caller, req.queryParams())) {
        matching.add(s);
      }
    }
    matching.sort((a, b) -> Long.compare(b.sequence(), a.sequence())); // newest first
    int from = 0;
    if (asked.after() != null) {
      while (from < matching.size() && matching.get(from).sequence() >= asked.after()) {
        from++;
      }
    } else if (asked.size() != Integer.MAX_VALUE) {
      from = (int) Math.min(matching.size(), (long) (asked.number() - 1) * asked.size());
    }
    int to = (int) Math.min(matching.size(), (long) from + asked.size());
    ArrayNode array = JSON.createArrayNode();
    matching.subList(from, to).forEach(s -> array.add(s.body()));
    JsonNode body = array;
    if (c.listProperty() != null) {
      JsonNode example = op.defaultResponse().example();
      ObjectNode page = example instanceof ObjectNode o ? o.deepCopy() : JSON.createObjectNode();
      page.set(c.listProperty(), array);
      boolean more = to < matching.size();
      String next = more && c.query().cursorParam != null ? ListQuery.cursor(matching.get(to - 1).sequence()) : null;
      ListQuery.pageFields(page, new ListQuery.PageState(matching.size(), array.size(), more, next, asked.number(),
          asked.size() == Integer.MAX_VALUE ? array.size() : asked.size()));
      body = page;
    }
    return op.defaultResponse().toResponse(op.defaultResponse().status(), bytes(body));
  }

  private MockResponse checkIfMatch(MockOperation op, Stored stored, MockRequest req) {
    String ifMatch = req.header("If-Match");
    if (ifMatch == null) {
      return op.responses().containsKey("428")
          ? problem(op, 428, "/problems/precondition-required", "Precondition required",
              "Send If-Match with the item's ETag", req)
          : null;
    }
    if (!ifMatch.trim().equals("*") && !ifMatch.trim().equals(etag(stored))) {
      return problem(op, op.responses().containsKey("412") ? 412 : 409, "/problems/precondition-failed",
          "Precondition failed", "The item changed since " + ifMatch + "; it is now " + etag(stored), req);
    }
    return null;
  }

  private MockResponse item(Collection c, MockOperation op, Stored stored) {
    CannedResponse canned = op.defaultResponse();
    MockResponse r = canned.toResponse(canned.status(), bytes(stored.body()));
    if (c.etag()) {
      r.header("ETag", etag(stored));
    }
    return r;
  }

  private static Stored versioned(Collection c, ObjectNode body, int version, String owner, long sequence) {
    if (c.schema().path("properties").path("version").path("type").asText().equals("integer")) {
      body.put("version", version);
    }
    return new Stored(body, version, owner, sequence);
  }

  private static String caller(MockRequest req) {
    return BearerAuth.subject(req.header("Authorization"));
  }

  private static String etag(Stored s) {
    return "\"" + s.version() + "\"";
  }

  /** Copies the request's fields that the stored schema has (a JSON merge patch: null removes). */
  private static void overlay(Collection c, ObjectNode body, JsonNode request) {
    JsonNode props = c.schema().path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!props.has(f.getKey())) {
        continue;
      }
      if (f.getValue().isNull()) {
        body.remove(f.getKey());
      } else {
        body.set(f.getKey(), f.getValue());
      }
    }
  }

  private static MockResponse problem(MockOperation op, int status, String type, String title,
      String detail, MockRequest req) {
    return Problems.of(status, type, title, detail, req.path());
  }

  private static JsonNode parse(MockRequest req) {
    if (!req.hasBody()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(req.body());
      return n != null && n.isObject() ? n : JSON.createObjectNode();
    } catch (java.io.IOException e) {
      return JSON.createObjectNode(); // with --no-validate a broken body stores the example
    }
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] describeJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("collections");
    for (Collection c : collections) {
      ObjectNode n = list.addObject();
      n.put("path", c.path());
      n.put("id", c.idProperty());
      n.put("description", c.describe());
      n.put("stored", data.get(c).size());
    }
    return bytes(root);
  }
}
