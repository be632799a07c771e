package dev.apiplatform.server.geo;

/**
 * Geohash cells (base-32, longitude bit first). A cell at precision p is the integer grid cell
 * (x, y) of a 2^lonBits × 2^latBits grid over [-180, 180] × [-90, 90]; the string is its
 * interleaved bits. Working on (x, y) lets {@link GeoCover} walk the grid without string math.
 */
public final class GeoHash {

  private static final char[] BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz".toCharArray();
  public static final int MAX_PRECISION = 12;

  private GeoHash() {}

  public static int lonBits(int precision) {
    return (5 * precision + 1) / 2;
  }

  public static int latBits(int precision) {
    return 5 * precision / 2;
  }

  public static double cellWidthDegrees(int precision) {
    return 360.0 / (1L << lonBits(precision));
  }

  public static double cellHeightDegrees(int precision) {
    return 180.0 / (1L << latBits(precision));
  }

  /** Column of a longitude; 180 itself falls in the last column. */
  public static long column(double lng, int precision) {
    long n = 1L << lonBits(precision);
    return Math.min(n - 1, Math.max(0, (long) Math.floor((lng + 180.0) / 360.0 * n)));
  }

  /** Row of a latitude; 90 itself falls in the last row. */
  public static long row(double lat, int precision) {
    long n = 1L << latBits(precision);
    return Math.min(n - 1, Math.max(0, (long) Math.floor((lat + 90.0) / 180.0 * n)));
  }

  public static String encode(GeoPoint p, int precision) {
    check(precision);
    return encode(column(p.lng(), precision), row(p.lat(), precision), precision);
  }

  public static String encode(long x, long y, int precision) {
    check(precision);
    int lonBits = lonBits(precision);
    int latBits = latBits(precision);
    char[] out = new char[precision];
    int li = lonBits - 1;
    int ai = latBits - 1;
    boolean lonTurn = true;
    for (int c = 0; c < precision; c++) {
      int v = 0;
      for (int b = 0; b < 5; b++) {
        int bit = lonTurn ? (int) ((x >> li--) & 1) : (int) ((y >> ai--) & 1);
        v = (v << 1) | bit;
        lonTurn = !lonTurn;
      }
      out[c] = BASE32[v];
    }
    return new String(out);
  }

  /** The grid position {x, y} of a geohash string. */
  public static long[] cellIndex(String hash) {
    check(hash.length());
    long x = 0;
    long y = 0;
    boolean lonTurn = true;
    for (char c : hash.toCharArray()) {
      int v = new String(BASE32).indexOf(c);
      if (v < 0) throw new IllegalArgumentException("not a geohash: " + hash);
      for (int b = 4; b >= 0; b--) {
        int bit = (v >> b) & 1;
        if (lonTurn) x = (x << 1) | bit;
        else y = (y << 1) | bit;
        lonTurn = !lonTurn;
      }
    }
    return new long[] {x, y};
  }

  /** The cell's bounds, {south, west, north, east}, of a geohash string. */
  public static double[] bounds(String hash) {
    long[] xy = cellIndex(hash);
    return bounds(xy[0], xy[1], hash.length());
  }

  /** The cell's bounds: {south, west, north, east} in degrees. */
  public static double[] bounds(long x, long y, int precision) {
    double w = cellWidthDegrees(precision);
    double h = cellHeightDegrees(precision);
    return new double[] {-90 + y * h, -180 + x * w, -90 + (y + 1) * h, -180 + (x + 1) * w};
  }

  private static void check(int precision) {
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new IllegalArgumentException("geohash precision must be 1.." + MAX_PRECISION);
    }
  }
}
