package dev.apiplatform.server.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OfflineGeocoderTest {

  static final OfflineGeocoder geocoder = new OfflineGeocoder();

  @Test
  void zip_resolvesToItsCentroid() {
    GeoPlace p = geocoder.forward(LocationQuery.ofZip("30009")).orElseThrow();
    assertThat(p.point().lat()).isCloseTo(34.077, within(0.01));
    assertThat(p.point().lng()).isCloseTo(-84.303, within(0.01));
    assertThat(p).extracting(GeoPlace::city, GeoPlace::state, GeoPlace::country, GeoPlace::zip, GeoPlace::precision)
        .containsExactly("Alpharetta", "GA", "US", "30009", GeoPlace.Precision.ZIP);
  }

  @Test
  void cityAndState_resolveToTheCity_whateverTheStateSpelling() {
    for (String state : new String[] {"GA", "ga", "Georgia"}) {
      GeoPlace p = geocoder.forward(LocationQuery.ofCity("Alpharetta", state, null)).orElseThrow();
      assertThat(p.point().lat()).isCloseTo(34.0754, within(0.01));
      assertThat(p.precision()).isEqualTo(GeoPlace.Precision.CITY);
    }
  }

  @Test
  void theState_picksBetweenCitiesOfTheSameName() {
    GeoPlace texas = geocoder.forward(LocationQuery.ofCity("Paris", "TX", null)).orElseThrow();
    GeoPlace france = geocoder.forward(LocationQuery.ofCity("Paris", null, null)).orElseThrow();
    assertThat(texas.country()).isEqualTo("US");
    assertThat(texas.point().lat()).isCloseTo(33.66, within(0.1));
    assertThat(france.country()).isEqualTo("FR"); // most populous wins without a state
  }

  @Test
  void country_acceptsCodesAndNames() {
    for (String country : new String[] {"US", "USA", "United States", "united states of america"}) {
      assertThat(geocoder.forward(LocationQuery.ofCity("Paris", null, country)).orElseThrow().state())
          .isEqualTo("TX"); // the most populous Paris in the US
    }
    assertThat(geocoder.forward(LocationQuery.ofCity("London", null, "Canada")).orElseThrow().country())
        .isEqualTo("CA");
  }

  @Test
  void address_ignoresTheStreet_whenOnlyTheCityIsKnown() {
    GeoPlace p = geocoder.forward(LocationQuery.ofAddress("742 Evergreen Terrace, Alpharetta, GA")).orElseThrow();
    assertThat(p.city()).isEqualTo("Alpharetta");
    assertThat(p.precision()).isEqualTo(GeoPlace.Precision.CITY);
  }

  @Test
  void address_withAZip_usesTheZip_butAFiveDigitHouseNumberIsNotOne() {
    assertThat(geocoder.forward(LocationQuery.ofAddress("123 Main St, Alpharetta, GA 30009")).orElseThrow().zip())
        .isEqualTo("30009");
    GeoPlace p = geocoder.forward(LocationQuery.ofAddress("12345 Main St, Alpharetta, GA")).orElseThrow();
    assertThat(p.city()).isEqualTo("Alpharetta");
    assertThat(p.zip()).isNull();
  }

  @Test
  void address_withoutCommas_andWithACountry_stillResolves() {
    assertThat(geocoder.forward(LocationQuery.ofAddress("Alpharetta GA")).orElseThrow().state()).isEqualTo("GA");
    assertThat(geocoder.forward(LocationQuery.ofAddress("Town Square, Suva, Fiji")).orElseThrow().country())
        .isEqualTo("FJ");
  }

  @Test
  void accentsAndSaintAbbreviations_match() {
    assertThat(geocoder.forward(LocationQuery.ofCity("Saint Louis", "MO", "US")).orElseThrow().city())
        .isEqualTo("St. Louis");
    assertThat(geocoder.forward(LocationQuery.ofCity("Port St. Lucie", "FL", null)).orElseThrow().city())
        .isEqualTo("Port Saint Lucie");
    assertThat(geocoder.forward(LocationQuery.ofCity("Sao Paulo", null, "BR")).orElseThrow().city())
        .isEqualTo("São Paulo");
  }

  @Test
  void unknownPlaces_areEmpty_notGuessed() {
    assertThat(geocoder.forward(LocationQuery.ofCity("Alpharetta", "CA", null))).isEmpty();
    assertThat(geocoder.forward(LocationQuery.ofCity("Qwxzville", null, null))).isEmpty();
    assertThat(geocoder.forward(LocationQuery.ofCity("Paris", null, "Narnia"))).isEmpty();
    assertThat(geocoder.forward(LocationQuery.ofZip("00000"))).isEmpty();
    assertThat(geocoder.forward(new LocationQuery(" ", "", null, null, null))).isEmpty();
  }

  @Test
  void reverse_namesTheNearestCity_andTheUsZip() {
    GeoPlace p = geocoder.reverse(new GeoPoint(34.0736, -84.2814)).orElseThrow();
    assertThat(p.city()).isEqualTo("Alpharetta");
    assertThat(p).extracting(GeoPlace::state, GeoPlace::country).containsExactly("GA", "US");
    assertThat(p.zip()).startsWith("300");
    assertThat(p.point()).isEqualTo(new GeoPoint(34.0736, -84.2814));
  }

  @Test
  void reverse_worksAcrossTheAntimeridian_andAtHighLatitude() {
    // Taveuni (Fiji) straddles 180°: a point just east of it finds a town west of it
    GeoPlace fiji = geocoder.reverse(new GeoPoint(-16.80, -179.99)).orElseThrow();
    assertThat(fiji.country()).isEqualTo("FJ");
    assertThat(geocoder.reverse(new GeoPoint(78.2232, 15.6267)).orElseThrow().country()).isEqualTo("SJ");
  }

  @Test
  void reverse_inTheMiddleOfTheOcean_isEmpty() {
    assertThat(geocoder.reverse(new GeoPoint(-40.0, -130.0))).isEmpty();
  }

  @Test
  void theGeoNamesAttribution_shipsWithTheData() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/gazetteer/ATTRIBUTION.txt")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("GeoNames", "CC BY 4.0");
    }
  }
}
