package dev.apiplatform.server.geo;

import java.util.Optional;

/**
 * The platform's one geocoder. Empty means "no such place" (the HTTP layer answers 400 naming
 * the location); a backend that cannot answer throws {@link GeocoderUnavailableException} (503).
 */
public interface Geocoder {

  /**
   * Resolves, in this order: a ZIP code; city + state (+ country); a free-form address, of which
   * an offline geocoder keeps only the city, state and ZIP (the street is ignored).
   */
  Optional<GeoPlace> forward(LocationQuery query);

  /** The named place at or nearest to a point (city, state, country; ZIP in the US). */
  Optional<GeoPlace> reverse(GeoPoint point);

  /** "gazetteer" or "aws-location". */
  String name();
}
