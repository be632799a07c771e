package dev.apiplatform.server.geo;

import java.util.Random;

/** Random positions around given places, on the sphere (no planar shortcut near poles or ±180°). */
final class GeoFixtures {

  /** Places chosen for their geometry: mid-latitudes, equator, both sides of ±180°, both polar caps. */
  static final GeoPoint[] PLACES = {
    new GeoPoint(34.0736, -84.2814),   // Alpharetta
    new GeoPoint(40.7128, -74.0060),   // New York
    new GeoPoint(51.5072, -0.1276),    // London, on the prime meridian
    new GeoPoint(-0.1807, -78.4678),   // Quito, on the equator
    new GeoPoint(-18.1248, 178.4501),  // Suva, west of the antimeridian
    new GeoPoint(-16.7833, -179.9667), // Taveuni, east of it
    new GeoPoint(64.7337, 177.5089),   // Anadyr
    new GeoPoint(78.2232, 15.6267),    // Longyearbyen
    new GeoPoint(89.6, 40.0),          // near the North Pole
    new GeoPoint(-89.7, -120.0),       // near the South Pole
  };

  private GeoFixtures() {}

  /** The point {@code meters} away from {@code from} on initial bearing {@code bearingDeg}. */
  static GeoPoint destination(GeoPoint from, double bearingDeg, double meters) {
    double delta = meters / Distance.EARTH_RADIUS_M;
    double theta = Math.toRadians(bearingDeg);
    double phi1 = Math.toRadians(from.lat());
    double lambda1 = Math.toRadians(from.lng());
    double phi2 = Math.asin(Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta));
    double lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
        Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2));
    return GeoPoint.wrapped(Math.toDegrees(phi2), Math.toDegrees(lambda2));
  }

  /** Uniform over the disc of {@code maxMeters} around {@code center}. */
  static GeoPoint around(Random random, GeoPoint center, double maxMeters) {
    return destination(center, random.nextDouble() * 360, maxMeters * Math.sqrt(random.nextDouble()));
  }
}
