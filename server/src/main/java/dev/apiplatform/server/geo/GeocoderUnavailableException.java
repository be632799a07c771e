package dev.apiplatform.server.geo;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.ProblemType;
import java.util.List;
import java.util.Map;

/** The configured geocoding backend did not answer; a 503 problem through the one mapper. */
public final class GeocoderUnavailableException extends ApiException {

  public GeocoderUnavailableException(String backend) {
    super(ProblemType.GEOCODER_UNAVAILABLE, "Geocoder unavailable",
        "The " + backend + " geocoder did not answer; retry shortly", List.of(), Map.of("Retry-After", "2"));
  }
}
