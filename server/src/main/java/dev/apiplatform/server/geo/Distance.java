package dev.apiplatform.server.geo;

/** Great-circle distances on a spherical Earth and the unit conversions the APIs use. */
public final class Distance {

  /** IUGG mean Earth radius: the sphere that minimises haversine's error on the ellipsoid (≤ 0.5 %). */
  public static final double EARTH_RADIUS_M = 6_371_008.8;
  public static final double METERS_PER_MILE = 1609.344;
  public static final double METERS_PER_KM = 1000.0;

  private Distance() {}

  /** Haversine distance: numerically stable for the short distances a local search is about. */
  public static double meters(GeoPoint a, GeoPoint b) {
    double phi1 = Math.toRadians(a.lat());
    double phi2 = Math.toRadians(b.lat());
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(b.lng() - a.lng());
    double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
        + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  public static double miles(GeoPoint a, GeoPoint b) {
    return meters(a, b) / METERS_PER_MILE;
  }

  public static double milesToMeters(double miles) {
    return miles * METERS_PER_MILE;
  }

  public static double kmToMeters(double km) {
    return km * METERS_PER_KM;
  }

  public static double kmToMiles(double km) {
    return km * METERS_PER_KM / METERS_PER_MILE;
  }

  public static double metersToMiles(double meters) {
    return meters / METERS_PER_MILE;
  }
}
