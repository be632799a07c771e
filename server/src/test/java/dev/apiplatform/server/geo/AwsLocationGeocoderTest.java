package dev.apiplatform.server.geo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.location.LocationClient;

class AwsLocationGeocoderTest {

  static WireMockServer wm;
  static LocationClient client;
  AwsLocationGeocoder geocoder;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort());
    wm.start();
    client = LocationClient.builder()
        .endpointOverride(URI.create(wm.baseUrl()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(2)).build())
        // the SDK prefixes "places." to the host; WireMock listens on 127.0.0.1 only
        .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
            .retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    geocoder = new AwsLocationGeocoder(client, "motion-places");
  }

  @Test
  void forward_sendsTheQueryTextAndCountryFilter_andMapsThePlace() {
    wm.stubFor(post(urlEqualTo("/places/v0/indexes/motion-places/search/text")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("""
            {"Summary":{"Text":"123 Main St, Alpharetta, GA, 30009","MaxResults":1,"DataSource":"Esri",
              "FilterCountries":["USA"],"ResultBBox":[-84.29409,34.07538,-84.29409,34.07538]},
             "Results":[{"Place":{"Label":"123 Main St, Alpharetta, GA, 30009, USA",
               "Geometry":{"Point":[-84.29409,34.07538]},"AddressNumber":"123","Street":"Main St",
               "Municipality":"Alpharetta","SubRegion":"Fulton County","Region":"Georgia","Country":"USA",
               "PostalCode":"30009","Interpolated":false,"Categories":["AddressType"]},
               "Relevance":1,"PlaceId":"AQAAAFUAx"}]}
            """)));

    GeoPlace p = geocoder.forward(new LocationQuery("123 Main St", "Alpharetta", "GA", "30009", "USA")).orElseThrow();

    assertThat(p.point()).isEqualTo(new GeoPoint(34.07538, -84.29409));
    assertThat(p).extracting(GeoPlace::city, GeoPlace::state, GeoPlace::country, GeoPlace::zip, GeoPlace::precision)
        .containsExactly("Alpharetta", "GA", "US", "30009", GeoPlace.Precision.ADDRESS);
    wm.verify(postRequestedFor(urlEqualTo("/places/v0/indexes/motion-places/search/text")).withRequestBody(
        equalToJson("{\"Text\":\"123 Main St, Alpharetta, GA, 30009\",\"MaxResults\":1,\"FilterCountries\":[\"USA\"]}")));
  }

  @Test
  void forward_withNoResults_isEmpty() {
    wm.stubFor(post(urlEqualTo("/places/v0/indexes/motion-places/search/text")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"Summary\":{\"Text\":\"Qwxzville\",\"DataSource\":\"Esri\"},\"Results\":[]}")));

    assertThat(geocoder.forward(LocationQuery.ofCity("Qwxzville", null, null))).isEmpty();
  }

  @Test
  void reverse_sendsLongitudeFirst_andKeepsTheAskedPoint() {
    wm.stubFor(post(urlEqualTo("/places/v0/indexes/motion-places/search/position")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("""
            {"Summary":{"Position":[178.4501,-18.1248],"MaxResults":1,"DataSource":"Esri"},
             "Results":[{"Place":{"Label":"Victoria Parade, Suva, Central, FJI",
               "Geometry":{"Point":[178.4503,-18.1246]},"Street":"Victoria Parade","Municipality":"Suva",
               "Region":"Central","Country":"FJI","Interpolated":false},"Distance":31.2,"PlaceId":"AQAB"}]}
            """)));

    GeoPlace p = geocoder.reverse(new GeoPoint(-18.1248, 178.4501)).orElseThrow();

    assertThat(p).extracting(GeoPlace::city, GeoPlace::state, GeoPlace::country, GeoPlace::precision)
        .containsExactly("Suva", "Central", "FJ", GeoPlace.Precision.NEAREST_PLACE);
    assertThat(p.point()).isEqualTo(new GeoPoint(-18.1248, 178.4501));
    wm.verify(postRequestedFor(urlEqualTo("/places/v0/indexes/motion-places/search/position"))
        .withRequestBody(equalToJson("{\"Position\":[178.4501,-18.1248],\"MaxResults\":1}")));
  }

  @Test
  void serviceFailures_become503Problems() {
    wm.stubFor(post(urlEqualTo("/places/v0/indexes/motion-places/search/text")).willReturn(aResponse()
        .withStatus(404).withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Place index motion-places not found\"}")));
    wm.stubFor(post(urlEqualTo("/places/v0/indexes/motion-places/search/position")).willReturn(aResponse()
        .withStatus(500).withHeader("x-amzn-ErrorType", "InternalServerException")
        .withBody("{\"message\":\"boom\"}")));

    assertThatThrownBy(() -> geocoder.forward(LocationQuery.ofCity("Alpharetta", "GA", null)))
        .isInstanceOfSatisfying(GeocoderUnavailableException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThatThrownBy(() -> geocoder.reverse(new GeoPoint(1, 1))).isInstanceOf(GeocoderUnavailableException.class);
  }

  @Test
  void geoPlaceIndex_selectsAmazonLocation_otherwiseTheGazetteer() {
    assertThat(Geocoders.fromEnvironment(Map.of("GEO_PLACE_INDEX", "motion-places"), () -> client).name())
        .isEqualTo("aws-location");
    assertThat(Geocoders.fromEnvironment(Map.of(), () -> {
      throw new AssertionError("no AWS client without GEO_PLACE_INDEX");
    }).name()).isEqualTo("gazetteer");
    assertThatThrownBy(() -> Geocoders.fromEnvironment(Map.of("GEO_PLACE_INDEX", "bad/name"), () -> client))
        .hasMessageContaining("GEO_PLACE_INDEX");
  }
}
