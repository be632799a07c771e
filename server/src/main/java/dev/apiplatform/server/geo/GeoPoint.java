package dev.apiplatform.server.geo;

/** A WGS 84 position in decimal degrees. Longitude is kept in [-180, 180]. */
public record GeoPoint(double lat, double lng) {

  public GeoPoint {
    if (!(lat >= -90 && lat <= 90)) throw new IllegalArgumentException("lat must be within [-90, 90]");
    if (!(lng >= -180 && lng <= 180)) throw new IllegalArgumentException("lng must be within [-180, 180]");
  }

  /** Accepts any finite longitude and wraps it (181 → -179), as clients near the antimeridian send. */
  public static GeoPoint wrapped(double lat, double lng) {
    if (!Double.isFinite(lng)) throw new IllegalArgumentException("lng must be finite");
    if (lng >= -180 && lng <= 180) return new GeoPoint(lat, lng); // no arithmetic, no rounding
    double wrapped = ((lng + 180) % 360 + 360) % 360 - 180;
    if (wrapped == -180 && lng > 0) wrapped = 180;
    return new GeoPoint(lat, wrapped);
  }
}
