package dev.apiplatform.server.geo;

/**
 * A geocoding answer.
 *
 * @param point where it is
 * @param city municipality name, or null
 * @param state first-level division: the USPS code for US states ("GA"), else the source's code
 *     or name; null when unknown
 * @param country ISO 3166-1 alpha-2 ("US"); see {@link Countries#alpha3} for the seed's "USA"
 * @param zip postal code when known
 * @param precision how exact {@code point} is
 * @param source "gazetteer" or "aws-location"
 */
public record GeoPlace(GeoPoint point, String city, String state, String country, String zip, Precision precision,
    String source) {

  public enum Precision {
    /** A street address (AWS Location only). */
    ADDRESS,
    /** The centroid of a ZIP code. */
    ZIP,
    /** The GeoNames position of a city (its centre). */
    CITY,
    /** Reverse geocoding: the point itself, named after the nearest place. */
    NEAREST_PLACE
  }
}
