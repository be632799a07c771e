package dev.apiplatform.server.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeoHashTest {

  @Test
  void encode_matchesPublishedReferenceHashes() {
    assertThat(GeoHash.encode(new GeoPoint(57.64911, 10.40744), 11)).isEqualTo("u4pruydqqvj");
    assertThat(GeoHash.encode(new GeoPoint(42.605, -5.603), 5)).isEqualTo("ezs42");
    assertThat(GeoHash.encode(new GeoPoint(-90, -180), 4)).isEqualTo("0000");
    assertThat(GeoHash.encode(new GeoPoint(90, 180), 4)).isEqualTo("zzzz");
  }

  @Test
  void bounds_containThePointTheyWereComputedFrom() {
    GeoPoint p = new GeoPoint(34.0736, -84.2814);
    double[] b = GeoHash.bounds(GeoHash.column(p.lng(), 4), GeoHash.row(p.lat(), 4), 4);
    assertThat(p.lat()).isBetween(b[0], b[2]);
    assertThat(p.lng()).isBetween(b[1], b[3]);
    assertThat(b[3] - b[1]).isCloseTo(0.3515625, within(1e-12));
    assertThat(b[2] - b[0]).isCloseTo(0.17578125, within(1e-12));
  }

  @Test
  void boundsOfAString_matchTheCellItWasEncodedFrom() {
    GeoPoint p = new GeoPoint(-16.7833, -179.9667);
    double[] b = GeoHash.bounds(GeoHash.encode(p, 6));
    assertThat(b).containsExactly(GeoHash.bounds(GeoHash.column(p.lng(), 6), GeoHash.row(p.lat(), 6), 6));
    assertThat(GeoHash.bounds("u4pruydqqvj")[0]).isCloseTo(57.64911, within(0.001));
  }

  @Test
  void distance_isHaversineOnTheMeanSphere() {
    // one degree of latitude on a 6371.0088 km sphere
    assertThat(Distance.meters(new GeoPoint(0, 0), new GeoPoint(1, 0))).isCloseTo(111_195.08, within(0.05));
    // across the antimeridian the short way round
    assertThat(Distance.meters(new GeoPoint(0, 179.5), new GeoPoint(0, -179.5))).isCloseTo(111_195.08, within(0.05));
    assertThat(Distance.kmToMiles(16.09344)).isCloseTo(10.0, within(1e-12));
  }

  @Test
  void wrapped_bringsLongitudesBackIntoRange() {
    assertThat(GeoPoint.wrapped(0, 181).lng()).isCloseTo(-179, within(1e-9));
    assertThat(GeoPoint.wrapped(0, -540).lng()).isCloseTo(-180, within(1e-9));
    assertThat(GeoPoint.wrapped(0, 180).lng()).isEqualTo(180);
  }
}
