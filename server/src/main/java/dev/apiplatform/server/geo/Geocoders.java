package dev.apiplatform.server.geo;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.location.LocationClient;

/**
 * Picks the geocoder once at start: Amazon Location when {@code GEO_PLACE_INDEX} names a place
 * index (the client comes from the platform's AWS clients: region, credentials, timeouts),
 * otherwise the offline gazetteer.
 */
public final class Geocoders {

  public static final String PLACE_INDEX_VARIABLE = "GEO_PLACE_INDEX";

  private Geocoders() {}

  public static Geocoder fromEnvironment(Map<String, String> env, Supplier<LocationClient> locationClient) {
    String index = env.get(PLACE_INDEX_VARIABLE);
    if (index != null && !index.isBlank()) {
      if (!index.strip().matches("[-._\\w]{1,100}")) {
        throw new IllegalArgumentException(PLACE_INDEX_VARIABLE + " is not a place index name ([-._\\w]{1,100})");
      }
      return new AwsLocationGeocoder(locationClient.get(), index.strip());
    }
    return new OfflineGeocoder();
  }
}
