package dev.apiplatform.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds the CRUD collections a contract declares by its shapes alone, for {@code --stateful}:
 * a path {@code C} whose POST answers a schema {@code S}, plus {@code GET C/{id}} answering the
 * same {@code S} or {@code GET C} answering a list of {@code S} (an array, or an object with one
 * array of {@code S}). {@code PATCH}/{@code PUT}/{@code DELETE C/{id}} join when documented.
 * The id is the property of {@code S} named like the path parameter, else {@code id}.
 */
final class CollectionInference {

  /** One inferred collection. Null members are operations the contract does not have. */
  record Collection(String path, String idProperty, JsonNode schema, MockOperation create,
      MockOperation get, MockOperation update, MockOperation delete, MockOperation list,
      String listProperty, boolean etag, String ownerProperty, boolean shared, ListQuery query) {

    String describe() {
      List<String> ops = new ArrayList<>();
      ops.add("create " + create.label());
      for (MockOperation op : new MockOperation[] {get, update, delete}) {
        if (op != null) {
          ops.add(op.method().toLowerCase() + " " + op.path());
        }
      }
      if (list != null) {
        ops.add("list " + list.label() + (listProperty == null ? "" : " -> " + listProperty + "[]"));
      }
      String listing = query.describe();
      return path + ": id '" + idProperty + "'; " + String.join(", ", ops) + (etag ? "; ETag/If-Match" : "")
          + "; owner = the token's sub" + (ownerProperty == null ? "" : " in '" + ownerProperty + "'")
          + (shared ? ", others read but do not change (" + (update != null && update.responses().containsKey("403")
              || delete != null && delete.responses().containsKey("403") ? "403" : "404") + ")"
              : ", others get 404")
          + (listing.isEmpty() ? "" : "; " + listing);
    }
  }

  private CollectionInference() {}

  static List<Collection> infer(ContractMock mock) {
    OpenApiDocument doc = mock.document();
    List<Collection> found = new ArrayList<>();
    for (Router.Route route : mock.router().routes()) {
      MockOperation create = route.byMethod().get("POST");
      JsonNode schema = create == null ? null : schemaOf(doc, create);
      if (schema == null || route.template().endsWith("}")) {
        continue; // a POST on an item path is an action, not a create
      }
      Router.Route item = itemRoute(mock, route.template());
      MockOperation get = item == null ? null : sameShape(doc, item.byMethod().get("GET"), schema);
      MockOperation list = route.byMethod().get("GET");
      String listProperty = list == null ? null : listProperty(doc, list, schema);
      if (list != null && listProperty == null && !isArrayOf(doc, schemaOf(doc, list), schema)) {
        list = null;
      }
      if (get == null && list == null) {
        continue;
      }
      String param = item == null ? null : item.params().get(item.params().size() - 1);
      String id = param != null && doc.deref(schema).path("properties").has(param) ? param
          : doc.deref(schema).path("properties").has("id") ? "id" : null;
      if (id == null) {
        continue;
      }
      MockOperation update = item == null ? null
          : item.byMethod().getOrDefault("PATCH", item.byMethod().get("PUT"));
      MockOperation delete = item == null ? null : item.byMethod().get("DELETE");
      boolean etag = get != null && get.defaultResponse().headers().stream()
          .anyMatch(h -> h.name().equalsIgnoreCase("ETag"));
      String owner = ownerProperty(doc.deref(schema));
      ListQuery query = ListQuery.infer(doc, list, schema, owner);
      // readable by every caller when the list can narrow to the caller's own (owner=me), as items;
      // else each caller's own (echoes), and another caller's id is a 404 as on the platform
      boolean shared = query.filters.stream().anyMatch(f -> f.kind() == ListQuery.Kind.OWNER);
      found.add(new Collection(route.template(), id, doc.deref(schema), create, get,
          sameShape(doc, update, schema),
          delete, list, listProperty, etag, owner, shared, query));
    }
    return found;
  }

  private static final List<String> OWNER_NAMES = List.of("owner_id", "ownerId", "owner", "user_id",
      "userId", "seller_id", "sellerId", "created_by", "createdBy");

  /** The property of the item that holds its owner's user id, if it has one. */
  private static String ownerProperty(JsonNode schema) {
    for (String name : OWNER_NAMES) {
      if (schema.path("properties").has(name)) {
        return name;
      }
    }
    return null;
  }

  private static Router.Route itemRoute(ContractMock mock, String collectionPath) {
    for (Router.Route r : mock.router().routes()) {
      String t = r.template();
      if (t.startsWith(collectionPath + "/{") && t.indexOf('/', collectionPath.length() + 1) < 0
          && t.endsWith("}")) {
        return r;
      }
    }
    return null;
  }

  /** The schema of the operation's default (success) response, or null. */
  static JsonNode schemaOf(OpenApiDocument doc, MockOperation op) {
    return op.defaultResponse().schema();
  }

  private static MockOperation sameShape(OpenApiDocument doc, MockOperation op, JsonNode schema) {
    return op != null && same(doc, schemaOf(doc, op), schema) ? op : null;
  }

  static boolean same(OpenApiDocument doc, JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return false;
    }
    JsonNode x = doc.deref(a);
    JsonNode y = doc.deref(b);
    return x == y || x.equals(y);
  }

  private static boolean isArrayOf(OpenApiDocument doc, JsonNode list, JsonNode schema) {
    if (list == null) {
      return false;
    }
    JsonNode l = doc.deref(list);
    return "array".equals(l.path("type").asText()) && same(doc, l.get("items"), schema);
  }

  /** The one property of the list's object schema that is an array of {@code schema}. */
  private static String listProperty(OpenApiDocument doc, MockOperation list, JsonNode schema) {
    JsonNode page = schemaOf(doc, list);
    if (page == null) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.deref(page).path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      if (isArrayOf(doc, p.getValue(), schema)) {
        return p.getKey();
      }
    }
    return null;
  }
}
