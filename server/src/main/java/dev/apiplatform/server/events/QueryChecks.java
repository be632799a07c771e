package dev.apiplatform.server.events;

import dev.apiplatform.server.domain.InvalidField;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * What Jersey's parameter conversion lets through: it converts only the first of repeated values
 * ({@code limit=1&limit=x}). Every parameter of these operations is single-valued: a repeated one
 * is 400. (An empty or malformed number is refused for every operation by
 * {@code http.StrictNumberParams}.)
 */
final class QueryChecks {

  private QueryChecks() {}

  static void singleValued(UriInfo uri) {
    for (Map.Entry<String, List<String>> p : uri.getQueryParameters().entrySet()) {
      if (p.getValue().size() > 1) throw new InvalidField("query." + p.getKey(), "must be given once", "single");
    }
  }
}
