package dev.apiplatform.server.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.location.LocationClient;
import software.amazon.awssdk.services.location.model.Place;

/**
 * Amazon Location Service place index ({@code SearchPlaceIndexForText} /
 * {@code SearchPlaceIndexForPosition}), used when {@code GEO_PLACE_INDEX} names an index. It
 * geocodes street addresses too. SDK failures become {@link GeocoderUnavailableException}.
 */
public final class AwsLocationGeocoder implements Geocoder {

  private static final Logger log = LoggerFactory.getLogger(AwsLocationGeocoder.class);

  private final LocationClient client;
  private final String indexName;

  public AwsLocationGeocoder(LocationClient client, String indexName) {
    this.client = client;
    this.indexName = indexName;
  }

  @Override
  public String name() {
    return "aws-location";
  }

  @Override
  public Optional<GeoPlace> forward(LocationQuery q) {
    if (q.isEmpty()) return Optional.empty();
    List<String> parts = new ArrayList<>();
    for (String p : new String[] {q.address(), q.city(), q.state(), q.zip()}) {
      if (p != null) parts.add(p);
    }
    String country = null;
    if (q.country() != null) {
      Optional<String> code = Countries.toAlpha2(q.country());
      if (code.isEmpty()) return Optional.empty();
      country = code.get();
    }
    String alpha3 = country == null ? null : Countries.alpha3(country);
    try {
      var response = client.searchPlaceIndexForText(r -> {
        r.indexName(indexName).text(String.join(", ", parts)).maxResults(1);
        if (alpha3 != null) r.filterCountries(alpha3);
      });
      return response.results().stream().findFirst().map(result -> toPlace(result.place(), null));
    } catch (SdkException e) {
      log.error("Amazon Location text search on index {} failed: {}", indexName, e.getClass().getSimpleName());
      throw new GeocoderUnavailableException(name());
    }
  }

  @Override
  public Optional<GeoPlace> reverse(GeoPoint point) {
    try {
      var response = client.searchPlaceIndexForPosition(r -> r.indexName(indexName)
          .position(point.lng(), point.lat()) // Amazon Location positions are [longitude, latitude]
          .maxResults(1));
      return response.results().stream().findFirst().map(result -> toPlace(result.place(), point));
    } catch (SdkException e) {
      log.error("Amazon Location position search on index {} failed: {}", indexName, e.getClass().getSimpleName());
      throw new GeocoderUnavailableException(name());
    }
  }

  private GeoPlace toPlace(Place place, GeoPoint asked) {
    List<Double> xy = place.geometry().point();
    GeoPoint at = asked != null ? asked : GeoPoint.wrapped(xy.get(1), xy.get(0));
    String country = place.country() == null ? null : Countries.toAlpha2(place.country()).orElse(place.country());
    String state = place.region();
    if ("US".equals(country) && state != null) state = UsStates.code(state).orElse(state);
    GeoPlace.Precision precision = asked != null ? GeoPlace.Precision.NEAREST_PLACE
        : place.street() != null ? GeoPlace.Precision.ADDRESS
        : place.municipality() != null ? GeoPlace.Precision.CITY
        : GeoPlace.Precision.ZIP;
    return new GeoPlace(at, place.municipality(), state, country, place.postalCode(), precision, name());
  }
}
