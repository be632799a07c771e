package dev.apiplatform.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/** RFC 9457 problems the mock writes itself, shaped like the platform's (type, title, status, detail, instance, errors[]). */
final class Problems {

  static final String MEDIA_TYPE = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One invalid field: {@code body.price}, {@code query.limit}, {@code header.If-Match}. */
  record FieldError(String field, String message, String code) {}

  private Problems() {}

  static MockResponse of(int status, String type, String title, String detail, String instance) {
    return of(status, type, title, detail, instance, List.of());
  }

  static MockResponse of(int status, String type, String title, String detail, String instance,
      List<FieldError> errors) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", type);
    p.put("title", title);
    p.put("status", status);
    p.put("detail", detail);
    p.put("instance", instance);
    if (!errors.isEmpty()) {
      ArrayNode list = p.putArray("errors");
      for (FieldError e : errors) {
        ObjectNode item = list.addObject();
        item.put("field", e.field());
        item.put("message", e.message());
        if (e.code() != null) {
          item.put("code", e.code());
        }
      }
    }
    try {
      return MockResponse.json(status, MEDIA_TYPE, JSON.writeValueAsBytes(p));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
