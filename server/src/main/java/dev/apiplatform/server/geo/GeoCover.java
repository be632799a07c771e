package dev.apiplatform.server.geo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The geohash cells that together contain every point within a radius of a center: the
 * candidate partitions of a radius search (the approach of awslabs' dynamodb-geo, with geohash
 * cells in place of S2). Exact, never approximate in the unsafe direction:
 *
 * <ol>
 *   <li>the circle's latitude/longitude bounding box on the sphere, where a circle that reaches
 *       a pole spans every longitude and one that crosses ±180° becomes two longitude ranges;
 *   <li>every grid cell meeting that box;
 *   <li>minus the cells whose nearest point is farther than the radius (exact spherical
 *       point-to-rectangle distance), so corners of the box cost no query.
 * </ol>
 *
 * The exact haversine filter on the items read stays the caller's job: a cell is a superset.
 */
public final class GeoCover {

  /** Slack against floating-point error at the circle's rim; far below any geocoder's precision. */
  private static final double MARGIN_M = 1.0;
  private static final double MARGIN_DEG = 1e-7;

  private GeoCover() {}

  public static Set<String> cells(GeoPoint center, double radiusMeters, int precision) {
    if (!(radiusMeters >= 0)) throw new IllegalArgumentException("radius must be >= 0");
    double delta = (radiusMeters + MARGIN_M) / Distance.EARTH_RADIUS_M; // angular radius
    double deltaDeg = Math.toDegrees(delta);
    double latMin = center.lat() - deltaDeg - MARGIN_DEG;
    double latMax = center.lat() + deltaDeg + MARGIN_DEG;
    List<double[]> lngRanges = new ArrayList<>();
    if (latMax >= 90 || latMin <= -90 || delta >= Math.PI / 2) {
      // the circle contains a pole (or is huge): every meridian passes through it
      lngRanges.add(new double[] {-180, 180});
    } else {
      double dLng = Math.toDegrees(Math.asin(Math.sin(delta) / Math.cos(Math.toRadians(center.lat())))) + MARGIN_DEG;
      double west = center.lng() - dLng;
      double east = center.lng() + dLng;
      if (dLng >= 180) {
        lngRanges.add(new double[] {-180, 180});
      } else if (west < -180) {
        lngRanges.add(new double[] {west + 360, 180});
        lngRanges.add(new double[] {-180, east});
      } else if (east > 180) {
        lngRanges.add(new double[] {west, 180});
        lngRanges.add(new double[] {-180, east - 360});
      } else {
        lngRanges.add(new double[] {west, east});
      }
    }
    long yMin = GeoHash.row(Math.max(-90, latMin), precision);
    long yMax = GeoHash.row(Math.min(90, latMax), precision);
    Set<String> out = new LinkedHashSet<>();
    for (double[] range : lngRanges) {
      long xMin = GeoHash.column(range[0], precision);
      long xMax = GeoHash.column(range[1], precision);
      for (long y = yMin; y <= yMax; y++) {
        for (long x = xMin; x <= xMax; x++) {
          double[] b = GeoHash.bounds(x, y, precision);
          if (minDistanceMeters(center, b) <= radiusMeters + MARGIN_M) out.add(GeoHash.encode(x, y, precision));
        }
      }
    }
    return out;
  }

  /**
   * Distance from a point to the nearest point of a {south, west, north, east} cell. The nearest
   * point lies on the point's own meridian when the cell spans it, else on the cell's nearer
   * meridian edge (cos d falls with |Δλ| for any latitude pair); along that edge the distance has
   * one interior extremum, at latitude atan2(sin φ, cos φ·cos Δλ), so the minimum is there or at
   * an end.
   */
  static double minDistanceMeters(GeoPoint p, double[] cell) {
    double south = cell[0];
    double west = cell[1];
    double north = cell[2];
    double east = cell[3];
    if (p.lng() >= west && p.lng() <= east) {
      if (p.lat() >= south && p.lat() <= north) return 0;
      double lat = p.lat() > north ? north : south;
      return Distance.meters(p, new GeoPoint(lat, p.lng()));
    }
    double dWest = Math.abs(wrap(west - p.lng()));
    double dEast = Math.abs(wrap(east - p.lng()));
    double edgeLng = dWest <= dEast ? west : east;
    double dLambda = Math.toRadians(Math.min(dWest, dEast));
    double phi = Math.toRadians(p.lat());
    double foot = Math.toDegrees(Math.atan2(Math.sin(phi), Math.cos(phi) * Math.cos(dLambda)));
    double best = Math.min(Distance.meters(p, new GeoPoint(south, edgeLng)),
        Distance.meters(p, new GeoPoint(north, edgeLng)));
    if (foot > south && foot < north) best = Math.min(best, Distance.meters(p, new GeoPoint(foot, edgeLng)));
    return best;
  }

  private static double wrap(double degrees) {
    double d = ((degrees + 180) % 360 + 360) % 360 - 180;
    return d;
  }
}
