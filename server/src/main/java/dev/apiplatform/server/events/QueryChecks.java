package dev.apiplatform.server.events;

import dev.apiplatform.server.domain.InvalidField;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Jersey's parameter conversion lets through: it converts only the first of repeated values
 * ({@code limit=&limit=x}) and turns an empty number into "absent". Every parameter of these
 * operations is single-valued and a number given empty is no number: both are 400.
 */
final class QueryChecks {

  private static final Set<String> NUMBERS = Set.of("lat", "lng", "radiusMiles", "radius_miles", "radius",
      "radius_km", "limit", "windowMinutes", "preferLocal", "debug");

  private QueryChecks() {}

  static void singleValued(UriInfo uri) {
    for (Map.Entry<String, List<String>> p : uri.getQueryParameters().entrySet()) {
      if (p.getValue().size() > 1) throw new InvalidField("query." + p.getKey(), "must be given once", "single");
      if (NUMBERS.contains(p.getKey()) && p.getValue().get(0).isBlank()) {
        throw new InvalidField("query." + p.getKey(), "must be a number", "type");
      }
    }
  }
}
